// Image knowledge (issue 4, item 3): families, size classes and minimal alternatives of base images.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyImage, imageFamily, parseImageRef } from '../../server/src/engine/model/image';

const ref = (text: string) => {
  const r = parseImageRef(text);
  assert.ok(r, text);
  return r;
};
const family = (text: string) => imageFamily(ref(text));
const size = (text: string) => classifyImage(ref(text))?.size;
const alternatives = (text: string) => classifyImage(ref(text))?.alternatives;

describe('image: families', () => {
  it('operating systems', () => {
    assert.equal(family('debian:12'), 'debian');
    assert.equal(family('docker.io/library/debian:bookworm'), 'debian');
    assert.equal(family('amd64/buildpack-deps:bookworm'), 'debian');
    assert.equal(family('ubuntu:24.04'), 'ubuntu');
    assert.equal(family('alpine:3.20'), 'alpine');
    assert.equal(family('arm64v8/alpine:3.20'), 'alpine');
    assert.equal(family('fedora:40'), 'rhel');
    assert.equal(family('rockylinux:9'), 'rhel');
    assert.equal(family('almalinux:9'), 'rhel');
    assert.equal(family('amazonlinux:2023'), 'rhel');
    assert.equal(family('registry.access.redhat.com/ubi9/ubi-minimal:9.4'), 'rhel');
    assert.equal(family('quay.io/centos/centos:stream9'), 'rhel');
    assert.equal(family('mcr.microsoft.com/azurelinux/base/core:3.0'), 'azurelinux');
  });

  it('minimal runtimes', () => {
    assert.equal(family('scratch'), 'scratch');
    assert.equal(family('gcr.io/distroless/static-debian12:nonroot'), 'distroless');
    assert.equal(family('cgr.dev/chainguard/wolfi-base'), 'chainguard');
    assert.equal(family('chainguard/node:latest'), 'chainguard');
    assert.equal(family('busybox:1.36'), 'busybox');
  });

  it('language and build-tool images', () => {
    assert.equal(family('node:20'), 'node');
    assert.equal(family('python:3.12-slim'), 'python');
    assert.equal(family('golang:1.23'), 'golang');
    assert.equal(family('eclipse-temurin:21-jre'), 'java');
    assert.equal(family('openjdk:17'), 'java');
    assert.equal(family('amazoncorretto:21'), 'java');
    assert.equal(family('ruby:3.3'), 'ruby');
    assert.equal(family('php:8.3-fpm'), 'php');
    assert.equal(family('rust:1.80'), 'rust');
    assert.equal(family('mcr.microsoft.com/dotnet/sdk:8.0'), 'dotnet');
    assert.equal(family('mcr.microsoft.com/dotnet/aspnet:8.0'), 'dotnet');
    assert.equal(family('maven:3.9-eclipse-temurin-21'), 'maven');
    assert.equal(family('gradle:8-jdk21'), 'gradle');
  });

  it('unknown images and look-alikes on other registries', () => {
    assert.equal(family('nginx:1.27'), undefined);
    assert.equal(family('ghcr.io/example/node:20'), undefined);
    assert.equal(family('myorg/python:3.12'), undefined);
    assert.equal(family('mcr.microsoft.com/windows/servercore:ltsc2022'), undefined);
  });
});

describe('image: size classes', () => {
  it('minimal variants', () => {
    assert.equal(size('debian:12-slim'), 'minimal');
    assert.equal(size('debian:bookworm-slim'), 'minimal');
    assert.equal(size('node:20-alpine'), 'minimal');
    assert.equal(size('node:20-bookworm-slim'), 'minimal');
    assert.equal(size('python:3.12-slim-bookworm'), 'minimal');
    assert.equal(size('python:3.12-alpine3.20'), 'minimal');
    assert.equal(size('eclipse-temurin:21-jre-alpine'), 'minimal');
    assert.equal(size('ibm-semeru-runtimes:open-jre-21-jammy'), 'minimal');
    assert.equal(size('mcr.microsoft.com/dotnet/aspnet:8.0'), 'minimal');
    assert.equal(size('mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled'), 'minimal');
    assert.equal(size('registry.access.redhat.com/ubi9/ubi-micro'), 'minimal');
    assert.equal(size('rockylinux:9-minimal'), 'minimal');
    assert.equal(size('mcr.microsoft.com/azurelinux/distroless/minimal:3.0'), 'minimal');
  });

  it('full images with a smaller sibling', () => {
    assert.equal(size('debian:12'), 'full');
    assert.equal(size('buildpack-deps:bookworm'), 'full');
    assert.equal(size('node:20'), 'full');
    assert.equal(size('python:3.12'), 'full');
    assert.equal(size('ruby:3.3-bookworm'), 'full');
    assert.equal(size('php:8.3-fpm'), 'full');
    assert.equal(size('registry.access.redhat.com/ubi9/ubi:9.4'), 'full');
    assert.equal(size('fedora:40'), 'full');
  });

  it('toolchains', () => {
    assert.equal(size('golang:1.23-alpine'), 'toolchain');
    assert.equal(size('rust:1.80-slim'), 'toolchain');
    assert.equal(size('eclipse-temurin:21'), 'toolchain');
    assert.equal(size('eclipse-temurin:21-jdk-alpine'), 'toolchain');
    assert.equal(size('openjdk:17-slim'), 'toolchain', 'openjdk slim tags are still JDKs');
    assert.equal(size('maven:3.9-eclipse-temurin-21'), 'toolchain');
    assert.equal(size('mcr.microsoft.com/dotnet/sdk:8.0'), 'toolchain');
  });

  it('small bases with nothing smaller worth suggesting', () => {
    assert.equal(size('ubuntu:24.04'), 'base');
    assert.equal(size('amazonlinux:2023'), 'base');
    assert.equal(size('php:8.3-apache'), 'base', 'no Alpine variant of the Apache image');
    assert.equal(size('mcr.microsoft.com/azurelinux/base/core:3.0'), 'base');
  });
});

describe('image: minimal alternatives keep the version and follow each image naming', () => {
  it('language images', () => {
    assert.deepEqual(alternatives('node:20'), ['node:20-slim', 'node:20-alpine', 'gcr.io/distroless/nodejs20-debian12']);
    assert.deepEqual(alternatives('node:20-bookworm'), ['node:20-bookworm-slim', 'node:20-alpine', 'gcr.io/distroless/nodejs20-debian12']);
    assert.deepEqual(alternatives('python:3.12-bookworm'), ['python:3.12-slim-bookworm', 'python:3.12-alpine']);
    assert.deepEqual(alternatives('python'), ['python:slim', 'python:3-alpine']);
    assert.deepEqual(alternatives('ruby:3.3'), ['ruby:3.3-slim', 'ruby:3.3-alpine']);
    assert.deepEqual(alternatives('php:8.3-fpm'), ['php:8.3-fpm-alpine']);
  });

  it('distributions', () => {
    assert.deepEqual(alternatives('debian:12'), ['debian:12-slim']);
    assert.deepEqual(alternatives('debian:latest'), ['debian:stable-slim']);
    assert.deepEqual(alternatives('buildpack-deps:bullseye-scm'), ['debian:bullseye-slim']);
    assert.deepEqual(alternatives('rockylinux:9.3'), ['rockylinux:9-minimal']);
    assert.deepEqual(alternatives('registry.access.redhat.com/ubi8/ubi'), ['registry.access.redhat.com/ubi8/ubi-minimal', 'registry.access.redhat.com/ubi8/ubi-micro']);
  });

  it('toolchains point at runtimes', () => {
    assert.deepEqual(alternatives('golang:1.23'), ['gcr.io/distroless/static-debian12', 'scratch']);
    assert.deepEqual(alternatives('eclipse-temurin:17-jdk'), ['eclipse-temurin:17-jre', 'gcr.io/distroless/java17-debian12']);
    assert.deepEqual(alternatives('maven:3.9-eclipse-temurin-17'), ['eclipse-temurin:17-jre', 'gcr.io/distroless/java17-debian12']);
    assert.deepEqual(alternatives('mcr.microsoft.com/dotnet/sdk:8.0-alpine'), ['mcr.microsoft.com/dotnet/aspnet:8.0', 'mcr.microsoft.com/dotnet/runtime:8.0', 'mcr.microsoft.com/dotnet/runtime-deps:8.0']);
  });
});
