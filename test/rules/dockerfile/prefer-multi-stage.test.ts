import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/prefer-multi-stage';

ruleTester.run(rule, {
  valid: [
    ['FROM node:20-slim', 'COPY . /app', 'RUN npm ci --omit=dev', 'CMD ["node", "/app/server.js"]'],
    { name: 'multi-stage files are never flagged', code: ['FROM golang:1.22 AS build', 'COPY . .', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]'] },
    { name: 'build deps installed, used and purged in the same RUN', code: ['FROM debian:12-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends gcc make \\', '  && make -C /src install \\', '  && apt-get purge -y --auto-remove gcc make', 'CMD ["app"]'] },
    { name: 'apk virtual build deps deleted in the same RUN', code: ['FROM python:3.12-alpine', 'COPY requirements.txt .', 'RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install -r requirements.txt && apk del .build-deps', 'CMD ["python", "app.py"]'] },
    { name: 'a language image built on purpose: nothing copied, nothing started', code: ['FROM debian:12', 'RUN apt-get update && apt-get install -y gcc make && ./configure && make install'] },
    { name: 'buildpack-deps is a compiler base on purpose', code: ['FROM buildpack-deps:bookworm', 'RUN apt-get update && apt-get install -y libbluetooth-dev && ./configure && make', 'CMD ["python3"]'] },
    { name: 'dev containers carry tools on purpose', code: ['FROM mcr.microsoft.com/devcontainers/base:bookworm', 'RUN apt-get update && apt-get install -y build-essential libssl-dev', 'CMD ["sleep", "infinity"]'] },
    { name: 'runtime packages, npm ci and pip install alone are not builds', code: ['FROM python:3.12-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends libpq5 git curl', 'COPY . /app', 'RUN pip install -r /app/requirements.txt', 'CMD ["python", "/app/main.py"]'] },
    { name: 'an npm script that is not a build', code: ['FROM node:20-alpine', 'COPY . .', 'RUN npm run lint', 'CMD ["node", "index.js"]'] },
    { name: 'ONBUILD RUN is the child image\'s build', code: ['FROM golang:1.22', 'ONBUILD COPY . /src', 'ONBUILD RUN go build -o /app /src', 'CMD ["/app"]'] },
  ],
  invalid: [
    {
      code: ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /bin/app .', 'ENTRYPOINT ["/bin/app"]'],
      errors: [{ messageId: 'singleStage', data: { step: 'go build' }, line: 1, column: 1, endLine: 1, endColumn: 17 }],
    },
    {
      name: 'npm run build after npm ci, lower-case keywords',
      code: ['from node:20 as app', 'copy . .', 'run npm ci && npm run build', 'cmd ["node", "dist/index.js"]'],
      errors: [{ messageId: 'singleStage', data: { step: 'npm run build' }, line: 1, column: 1, endLine: 1, endColumn: 20 }],
    },
    {
      name: 'yarn build, mvn package, dotnet publish',
      code: ['FROM maven:3-eclipse-temurin-21', 'COPY pom.xml src ./', 'RUN mvn -B -DskipTests package', 'CMD ["java", "-jar", "target/app.jar"]'],
      errors: [{ messageId: 'singleStage', data: { step: 'mvn package' }, line: 1, column: 1, endLine: 1, endColumn: 32 }],
    },
    {
      name: 'pip install with compiler and headers installed, on a continuation line',
      code: ['FROM python:3.12-slim', 'COPY requirements.txt .', 'RUN apt-get update \\', ' && apt-get install -y --no-install-recommends build-essential libpq-dev \\', ' && pip install -r requirements.txt', 'CMD ["python", "app.py"]'],
      errors: [{ messageId: 'singleStage', data: { step: 'apt-get install build-essential' }, line: 1, column: 1, endLine: 1, endColumn: 22 }],
    },
    {
      name: 'apk add of a -dev package, image from an ARG',
      code: ['ARG BASE=alpine:3.20', 'FROM ${BASE}', 'RUN apk add --no-cache openssl-dev', 'CMD ["/usr/local/bin/app"]'],
      errors: [{ messageId: 'singleStage', data: { step: 'apk add openssl-dev' }, line: 2, column: 1, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'heredoc script with make, only the first build step is reported',
      code: ['FROM debian:12-slim', 'COPY . /src', 'RUN <<EOF', 'cd /src', 'make', 'cargo build --release', 'EOF', 'CMD ["/src/app"]'],
      errors: [{ messageId: 'singleStage', data: { step: 'make' }, line: 1, column: 1, endLine: 1, endColumn: 20 }],
    },
    {
      name: 'dotnet publish and yarn build',
      code: ['FROM mcr.microsoft.com/dotnet/sdk:8.0', 'COPY . .', 'RUN dotnet publish -c Release -o /out', 'ENTRYPOINT ["dotnet", "/out/app.dll"]'],
      errors: [{ messageId: 'singleStage', data: { step: 'dotnet publish' }, line: 1, column: 1, endLine: 1, endColumn: 38 }],
    },
    {
      name: 'yarn build',
      code: ['FROM node:20-alpine', 'COPY . .', 'RUN yarn install --frozen-lockfile && yarn build', 'CMD ["yarn", "start"]'],
      errors: [{ messageId: 'singleStage', data: { step: 'yarn build' }, line: 1, column: 1, endLine: 1, endColumn: 20 }],
    },
  ],
});
