import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/missing-user';

ruleTester.run(rule, {
  valid: [
    ['FROM alpine:3.20', 'USER 10001', 'CMD ["app"]'],
    { name: 'a root USER belongs to last-user-root', code: ['FROM alpine:3.20', 'USER root'] },
    { name: 'USER inherited from an earlier stage via FROM <stage>', code: ['FROM node:20 AS base', 'USER node', 'FROM base', 'CMD ["node", "app.js"]'] },
    { name: 'only the final stage counts: builders may run as root', code: ['FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM alpine:3.20', 'COPY --from=build /app /app', 'USER 10001:10001'] },
    { name: 'distroless :nonroot runs as 65532', code: ['FROM gcr.io/distroless/static-debian12:nonroot', 'COPY app /app'] },
    { name: 'distroless :debug-nonroot', code: ['FROM gcr.io/distroless/base-debian12:debug-nonroot'] },
    { name: 'Chainguard images run as non-root', code: ['FROM cgr.dev/chainguard/static:latest'] },
    { name: 'nginx-unprivileged', code: ['FROM nginxinc/nginx-unprivileged:1.27-alpine', 'COPY site /usr/share/nginx/html'] },
    { name: 'Bitnami images run as 1001', code: ['FROM bitnami/redis:7.2'] },
    { name: 'an unresolvable ARG image is never guessed', code: ['ARG BASE', 'FROM ${BASE}', 'CMD ["app"]'] },
    { name: 'a non-root image chosen through an ARG default', code: ['ARG BASE=gcr.io/distroless/static-debian12:nonroot', 'FROM $BASE'] },
    { name: 'ONBUILD USER does not count, but a real USER after it does', code: ['FROM alpine:3.20', 'ONBUILD USER root', 'USER 10001'] },
    { name: 'lower-case keywords', code: ['from alpine:3.20', 'user 10001'] },
    { name: 'a template placeholder is not an image (corpus: devcontainers build assets)', code: ['FROM REPLACE-ME', 'RUN echo hi'] },
    { name: '.NET chiseled images run as app (1654), tag from a global ARG chain (corpus: dotnet-docker)', code: ['ARG REPO=mcr.microsoft.com/dotnet/runtime-deps', 'FROM $REPO:8.0.30-jammy-chiseled-amd64', 'ENTRYPOINT ["/usr/bin/dotnet"]'] },
    { name: '.NET Azure Linux distroless images run as app', code: ['FROM mcr.microsoft.com/dotnet/aspnet:9.0-azurelinux3.0-distroless'] },
    { name: 'Nano Server runs as ContainerUser', code: ['FROM mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-ltsc2022', 'ENTRYPOINT ["dotnet", "app.dll"]'] },
    { name: 'Jupyter Docker Stacks run as jovyan, via nested global ARGs (corpus: jupyter/docker-stacks)', code: ['ARG REGISTRY=quay.io', 'ARG OWNER=jupyter', 'ARG BASE_IMAGE=$REGISTRY/$OWNER/base-notebook:2024-10-07', 'FROM $BASE_IMAGE'] },
    { name: 'Elastic images run as UID 1000 (corpus: docker-elk)', code: ['FROM docker.elastic.co/elasticsearch/elasticsearch:8.15.0', 'RUN elasticsearch-plugin install analysis-icu'] },
    { name: '.NET Monitor images are distroless and run as app (corpus: dotnet-docker)', code: ['ARG REPO=mcr.microsoft.com/dotnet/monitor/base', 'FROM $REPO:10.0.3-arm64v8', 'ENTRYPOINT ["dotnet-monitor"]'] },
    { name: 'an export stage (FROM scratch, no command) never runs as a container (corpus: moby/buildkit)', code: ['FROM golang:1.22 AS run', 'RUN govulncheck ./... > /out/report.txt', 'FROM scratch AS output', 'COPY --from=run /out /'] },
    { name: 'an export stage built on an earlier scratch stage', code: ['FROM scratch AS base', 'COPY certs /certs', 'FROM base', 'COPY more /more'] },
    { name: 'Grafana runs as 472', code: ['FROM grafana/grafana:11.2.0'] },
    { name: 'Jenkins runs as jenkins', code: ['FROM jenkins/jenkins:lts-jdk17', 'RUN jenkins-plugin-cli --plugins git'] },
  ],
  invalid: [
    {
      name: 'USER inserted before CMD',
      code: ['FROM alpine:3.20', 'COPY app /app', 'CMD ["/app"]'],
      errors: [
        {
          messageId: 'missing',
          data: { image: 'alpine:3.20' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 17,
          suggestions: [{ messageId: 'addUser', output: ['FROM alpine:3.20', 'COPY app /app', 'USER 10001:10001', 'CMD ["/app"]'] }],
        },
      ],
    },
    {
      name: 'USER inserted before the first of ENTRYPOINT and CMD',
      code: ['FROM python:3.12-slim AS runtime', 'ENTRYPOINT ["python"]', 'CMD ["app.py"]'],
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 33, suggestions: [{ messageId: 'addUser', output: ['FROM python:3.12-slim AS runtime', 'USER 10001:10001', 'ENTRYPOINT ["python"]', 'CMD ["app.py"]'] }] }],
    },
    {
      name: 'no CMD/ENTRYPOINT: USER appended at the end of the stage',
      code: ['FROM debian:12', 'RUN apt-get update && \\', '    apt-get install -y curl'],
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 15, suggestions: [{ messageId: 'addUser', output: ['FROM debian:12', 'RUN apt-get update && \\', '    apt-get install -y curl', 'USER 10001:10001'] }] }],
    },
    {
      name: 'a runnable scratch image runs as UID 0 too',
      code: ['FROM scratch', 'COPY app /app', 'ENTRYPOINT ["/app"]'],
      errors: [{ messageId: 'missing', data: { image: 'scratch' }, line: 1, column: 1, endLine: 1, endColumn: 13, suggestions: [{ messageId: 'addUser', output: ['FROM scratch', 'COPY app /app', 'USER 10001:10001', 'ENTRYPOINT ["/app"]'] }] }],
    },
    {
      name: 'a scratch stage inheriting a CMD from its base stage runs',
      code: ['FROM scratch AS base', 'CMD ["/app"]', 'FROM base', 'COPY app /app'],
      errors: [{ messageId: 'missing', data: { image: 'scratch' }, line: 3, column: 1, endLine: 3, endColumn: 10, suggestions: [{ messageId: 'addUser', output: ['FROM scratch AS base', 'CMD ["/app"]', 'FROM base', 'COPY app /app', 'USER 10001:10001'] }] }],
    },
    {
      name: 'a USER in a builder stage does not help the final stage',
      code: ['FROM node:20 AS build', 'USER node', 'FROM node:20-slim', 'CMD ["node", "app.js"]'],
      errors: [{ messageId: 'missing', data: { image: 'node:20-slim' }, line: 3, column: 1, endLine: 3, endColumn: 18, suggestions: [{ messageId: 'addUser', output: ['FROM node:20 AS build', 'USER node', 'FROM node:20-slim', 'USER 10001:10001', 'CMD ["node", "app.js"]'] }] }],
    },
    {
      name: 'chain of stages without USER: reported on the final FROM, naming the root image',
      code: ['FROM ubuntu:24.04 AS base', 'FROM base', 'CMD ["bash"]'],
      errors: [{ messageId: 'missing', data: { image: 'ubuntu:24.04' }, line: 2, column: 1, endLine: 2, endColumn: 10, suggestions: [{ messageId: 'addUser', output: ['FROM ubuntu:24.04 AS base', 'FROM base', 'USER 10001:10001', 'CMD ["bash"]'] }] }],
    },
    {
      name: 'image from an ARG default, FROM spanning lines: only its first line is reported',
      code: ['ARG BASE=debian:12', 'FROM --platform=linux/amd64 \\', '  $BASE', 'ENTRYPOINT ["/app"]'],
      errors: [{ messageId: 'missing', data: { image: 'debian:12' }, line: 2, column: 1, endLine: 2, endColumn: 30, suggestions: [{ messageId: 'addUser', output: ['ARG BASE=debian:12', 'FROM --platform=linux/amd64 \\', '  $BASE', 'USER 10001:10001', 'ENTRYPOINT ["/app"]'] }] }],
    },
    {
      name: 'distroless without :nonroot runs as root',
      code: ['FROM gcr.io/distroless/static-debian12', 'COPY app /app'],
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 39, suggestions: [{ messageId: 'addUser', output: ['FROM gcr.io/distroless/static-debian12', 'COPY app /app', 'USER 10001:10001'] }] }],
    },
    {
      name: 'ONBUILD USER does not set the user of this image; lower-case keywords',
      code: ['from alpine:3.20', 'onbuild user 10001', 'cmd ["sh"]'],
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 17, suggestions: [{ messageId: 'addUser', output: ['from alpine:3.20', 'onbuild user 10001', 'USER 10001:10001', 'cmd ["sh"]'] }] }],
    },
    {
      name: 'Windows Server Core runs as ContainerAdministrator: the suggestion is ContainerUser (corpus: dotnet-docker)',
      code: ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'CMD ["cmd"]'],
      errors: [
        {
          messageId: 'missingWindows',
          data: { image: 'mcr.microsoft.com/windows/servercore:ltsc2022' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 51,
          suggestions: [{ messageId: 'addContainerUser', output: ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'USER ContainerUser', 'CMD ["cmd"]'] }],
        },
      ],
    },
    {
      name: 'a .NET image that is neither chiseled nor distroless runs as root',
      code: ['FROM mcr.microsoft.com/dotnet/aspnet:8.0', 'ENTRYPOINT ["dotnet", "app.dll"]'],
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 41, suggestions: [{ messageId: 'addUser', output: ['FROM mcr.microsoft.com/dotnet/aspnet:8.0', 'USER 10001:10001', 'ENTRYPOINT ["dotnet", "app.dll"]'] }] }],
    },
    {
      name: 'indented CMD keeps its indentation',
      code: ['FROM alpine:3.20', '  CMD ["sh"]'],
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 17, suggestions: [{ messageId: 'addUser', output: ['FROM alpine:3.20', '  USER 10001:10001', '  CMD ["sh"]'] }] }],
    },
  ],
});
