#!/usr/bin/env bash
# Step 1 of action.yml: make `policyascode` available to the next steps (through $GITHUB_PATH).
# POLICYASCODE_INSTALL: checkout | nuget | path (see action.yml); POLICYASCODE_SOURCE: the action's checkout.
set -euo pipefail

mode="${POLICYASCODE_INSTALL:-checkout}"
tools="${RUNNER_TEMP:?RUNNER_TEMP is not set}/policyascode-tool"

case "$mode" in
  path)
    command -v policyascode >/dev/null || { echo "::error::install: path, but there is no policyascode on PATH"; exit 2; }
    exit 0
    ;;
  nuget)
    args=(tool install PolicyAsCode.Tool --tool-path "$tools")
    if [ -n "${POLICYASCODE_VERSION:-}" ]; then args+=(--version "$POLICYASCODE_VERSION"); fi
    dotnet "${args[@]}"
    ;;
  checkout)
    source="${POLICYASCODE_SOURCE:?POLICYASCODE_SOURCE is not set}"
    feed="$RUNNER_TEMP/policyascode-feed"
    # A version of its own per install: NuGet caches a package by id and version, and must not hand out an older
    # build of the same version.
    version="0.1.0-action.$(date -u +%Y%m%d%H%M%S).$$"
    dotnet pack "$source/src/PolicyAsCode.Cli" -c Release -o "$feed" -p:Version="$version" --nologo -v quiet
    dotnet tool install PolicyAsCode.Tool --tool-path "$tools" --add-source "$feed" --version "$version"
    ;;
  *)
    echo "::error::install must be checkout, nuget or path, not '$mode'"
    exit 2
    ;;
esac

echo "$tools" >> "${GITHUB_PATH:?GITHUB_PATH is not set}"
"$tools/policyascode" --version
