#!/usr/bin/env bash
# Step 2 of action.yml: policyascode validate --format sarif over the files, SARIF to $POLICYASCODE_SARIF_FILE.
# The step's exit code is policyascode's (0 clean, 1 findings at or above --fail-on, 2 usage or input error); the
# SARIF file is written either way, so an upload step with `if: always()` still reports the findings.
set -uo pipefail
shopt -s globstar nullglob

fail_on="${POLICYASCODE_FAIL_ON:-}"
case "$fail_on" in
  ''|error|warning|never) ;;
  *) echo "::error::fail-on must be error, warning or never, not '$fail_on'"; exit 2 ;;
esac

# Split the inputs on white space without expanding them; then expand each pattern on its own.
read -r -d '' -a patterns <<< "${POLICYASCODE_FILES:-}" || true
read -r -d '' -a sets <<< "${POLICYASCODE_REQUIRE:-}" || true

files=()
for pattern in ${patterns[@]+"${patterns[@]}"}; do
  matched=($pattern)
  if [ "${#matched[@]}" -eq 0 ]; then
    echo "::error::files: '$pattern' matches no file"
    exit 2
  fi
  files+=("${matched[@]}")
done
if [ "${#files[@]}" -eq 0 ]; then
  echo "::error::files: no policy files given"
  exit 2
fi

args=(validate --format sarif)
for set in ${sets[@]+"${sets[@]}"}; do
  args+=(--require "$set")
done
if [ -n "${POLICYASCODE_KUBERNETES_VERSION:-}" ]; then args+=(--kubernetes-version "$POLICYASCODE_KUBERNETES_VERSION"); fi
if [ -n "$fail_on" ]; then args+=(--fail-on "$fail_on"); fi

sarif="${POLICYASCODE_SARIF_FILE:-policyascode.sarif}"
policyascode "${args[@]}" "${files[@]}" > "$sarif"
code=$?

echo "policyascode exited $code; SARIF written to $sarif"

{
  echo "sarif-file=$sarif"
  echo "exit-code=$code"
} >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
exit "$code"
