import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/prefer-minimal-base';

ruleTester.run(rule, {
  valid: [
    ['FROM node:20-slim', 'COPY . /app', 'CMD ["node", "/app/server.js"]'],
    { name: 'alpine and distroless bases', code: ['FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]'] },
    { name: 'a language image built on purpose: no application copied', code: ['FROM buildpack-deps:bookworm', 'RUN ./configure && make && make install', 'COPY docker-entrypoint.sh /usr/local/bin/', 'CMD ["python3"]'] },
    { name: 'a dev container: tools, no command', code: ['FROM mcr.microsoft.com/dotnet/sdk:8.0', 'COPY library-scripts/*.sh /tmp/library-scripts/', 'RUN bash /tmp/library-scripts/common-debian.sh'] },
    { name: 'application copied but nothing started (a build or export image)', code: ['FROM node:20', 'COPY . /app', 'RUN npm ci'] },
    { name: 'command but only configuration and scripts copied', code: ['FROM python:3.12', 'COPY entrypoint.sh /', 'COPY nginx.conf /etc/nginx/', 'ENTRYPOINT ["/entrypoint.sh"]'] },
    { name: 'the final stage is the runtime even when earlier stages are full', code: ['FROM node:20 AS build', 'COPY . .', 'RUN npm run build', 'FROM node:20-alpine', 'COPY --from=build /app/dist /app', 'CMD ["node", "/app/index.js"]'] },
    { name: 'ubuntu has no smaller sibling worth suggesting', code: ['FROM ubuntu:24.04', 'COPY app /usr/local/bin/app', 'CMD ["app"]'] },
    { name: 'unknown images are not guessed', code: ['FROM acme/base:1', 'COPY . /app', 'CMD ["/app/run"]'] },
    { name: 'repository on the allow list', options: { allow: ['python'] }, code: ['FROM python:3.12', 'COPY . /app', 'CMD ["python", "/app/main.py"]'] },
    { name: 'image from an ARG without a default', code: ['ARG BASE', 'FROM ${BASE}', 'COPY . /app', 'CMD ["/app/run"]'] },
    { name: 'ONBUILD COPY is the child image\'s business', code: ['FROM node:20', 'ONBUILD COPY . /app', 'CMD ["node"]'] },
  ],
  invalid: [
    {
      code: ['FROM python:3.12', 'COPY . /app', 'CMD ["python", "/app/main.py"]'],
      errors: [{ messageId: 'full', data: { image: 'python:3.12', alternatives: 'python:3.12-slim, python:3.12-alpine' }, line: 1, column: 6, endLine: 1, endColumn: 17 }],
    },
    {
      name: 'a toolchain image shipped as the runtime, lower-case keywords',
      code: ['from golang:1.22', 'workdir /src', 'copy go.mod go.sum ./', 'run go build -o /bin/app .', 'entrypoint ["/bin/app"]'],
      errors: [{ messageId: 'toolchain', data: { image: 'golang:1.22', alternatives: 'gcr.io/distroless/static-debian12, scratch' }, line: 1, column: 6, endLine: 1, endColumn: 17 }],
    },
    {
      name: 'final stage built on a full stage: reported on the root image',
      code: ['FROM node:20 AS base', 'WORKDIR /app', 'FROM base AS prod', 'COPY src/ ./src/', 'CMD ["node", "src/index.js"]'],
      errors: [{ messageId: 'full', data: { image: 'node:20', alternatives: 'node:20-slim, node:20-alpine, gcr.io/distroless/nodejs20-debian12' }, line: 1, column: 6, endLine: 1, endColumn: 13 }],
    },
    {
      name: 'image and copied path from ARGs',
      code: ['ARG TAG=bookworm', 'ARG SRC=app', 'FROM debian:${TAG}', 'ARG SRC', 'COPY ${SRC} /opt/app', 'ENTRYPOINT ["/opt/app/run"]'],
      errors: [{ messageId: 'full', data: { image: 'debian:bookworm', alternatives: 'debian:bookworm-slim' }, line: 3, column: 6, endLine: 3, endColumn: 19 }],
    },
    {
      name: 'JDK image running a jar, continuation line',
      code: ['FROM eclipse-temurin:21', 'COPY target/app.jar \\', '     /app.jar', 'CMD ["java", "-jar", "/app.jar"]'],
      errors: [{ messageId: 'toolchain', data: { image: 'eclipse-temurin:21', alternatives: 'eclipse-temurin:21-jre, gcr.io/distroless/java21-debian12' }, line: 1, column: 6, endLine: 1, endColumn: 24 }],
    },
  ],
});
