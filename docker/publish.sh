#!/bin/sh
# Publishes the app (Release) to the given directory: ./docker/publish.sh <output-dir>
set -eu
cd "$(dirname "$0")/.."
dotnet publish src/MinimaxMusic.Web/MinimaxMusic.Web.csproj -c Release -o "${1:?usage: publish.sh <output-dir>}"
