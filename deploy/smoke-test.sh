#!/usr/bin/env bash
# Builds the service image from deploy/Containerfile, starts it, and uses it as IT and a
# device would: health and readiness, an organisation, team and operator made with the admin
# commands inside the container, then a real device (this checkout's `prossimo`, in a throwaway
# home folder) enrols, records a contact and syncs it. Everything it makes is removed at the end.
#
#   deploy/smoke-test.sh                     # podman, image base debian:bookworm-slim
#   PODMAN="podman --runtime runc" BASE_IMAGE=localhost/debian:bookworm-slim deploy/smoke-test.sh
#   BUILD_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt deploy/smoke-test.sh
#                                            # behind a TLS-inspecting proxy: pip in the build trusts it
#
# The container uses SQLite in a throwaway volume and the host's network on 127.0.0.1 (no proxy
# in front): it checks the image, not compose's PostgreSQL and Caddy wiring.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
podman_cmd=${PODMAN:-podman}
base_image=${BASE_IMAGE:-debian:bookworm-slim}
port=${PORT:-18181}
prossimo=${PROSSIMO:-$(command -v prossimo || true)}
name=prossimo-smoke-$$

fail() { echo "smoke test: FAILED: $*" >&2; exit 1; }
command -v "${podman_cmd%% *}" >/dev/null || fail "${podman_cmd%% *} is not installed (apt-get install podman)"
[ -n "$prossimo" ] || fail "no prossimo command to act as the device (pip install -e . or set PROSSIMO=path)"
command -v curl >/dev/null || fail "curl is not installed"

work=$(mktemp -d)
chmod 700 "$work"
cleanup() {
    $podman_cmd rm -f "$name" >/dev/null 2>&1 || true
    $podman_cmd volume rm -f "$name" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

build_mounts=()
if [ -n "${BUILD_CA_BUNDLE:-}" ]; then
    printf '[global]\ncert = /run/build-ca.crt\n' >"$work/pip.conf"
    build_mounts=(-v "$BUILD_CA_BUNDLE:/run/build-ca.crt:ro" -v "$work/pip.conf:/etc/pip.conf:ro")
fi
echo "== build (base $base_image)"
start=$(date +%s)
$podman_cmd build -q --network host "${build_mounts[@]}" --build-arg "BASE_IMAGE=$base_image" \
    -f "$root/deploy/Containerfile" -t localhost/prossimo-central:smoke "$root" >/dev/null
echo "built in $(($(date +%s) - start)) s; $($podman_cmd image inspect localhost/prossimo-central:smoke --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')"

# The key file as IT would mount it: 0600, owned by the image's fixed uid.
openssl rand -hex 32 >"$work/central.key"
chmod 600 "$work/central.key"
chown 10001 "$work/central.key" 2>/dev/null || fail "cannot chown the key file to uid 10001 (run as root, or podman unshare)"
$podman_cmd volume create "$name" >/dev/null
db=sqlite:////var/lib/prossimo/data/central.db
$podman_cmd run -d --name "$name" --network host -e PROSSIMO_CENTRAL_DB="$db" \
    -v "$name:/var/lib/prossimo/data" -v "$work/central.key:/run/secrets/central_key:ro" \
    localhost/prossimo-central:smoke \
    prossimo-central serve --host 127.0.0.1 --port "$port" --key-file /run/secrets/central_key >/dev/null

echo "== service"
for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/v1/ready" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/v1/health" || fail "no /v1/health answer; container log: $($podman_cmd logs "$name" 2>&1 | tail -5)"
echo
curl -fsS "http://127.0.0.1:$port/v1/ready" || fail "/v1/ready did not answer 200"
echo
[ "$($podman_cmd exec "$name" id -u)" = 10001 ] || fail "the service does not run as uid 10001"
echo "runs as uid 10001"

echo "== admin commands in the container"
password=$(openssl rand -hex 12)
$podman_cmd exec "$name" prossimo-central org add "Smoke Org" >/dev/null
$podman_cmd exec "$name" prossimo-central team add "Smoke Org" "Street" >/dev/null
$podman_cmd exec -e PROSSIMO_NEW_PASSWORD="$password" "$name" \
    prossimo-central operator add --user smoke --team "Smoke Org/Street" >/dev/null
echo "organisation, team and operator made"

echo "== a device enrols and syncs"
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config"
mkdir -p "$HOME"
export PROSSIMO_PASSPHRASE
PROSSIMO_PASSPHRASE=$(openssl rand -hex 12)
"$prossimo" init >/dev/null
PROSSIMO_PASSWORD="$password" "$prossimo" enroll --server "http://127.0.0.1:$port" --user smoke
"$prossimo" contacts add --alias Smoke >/dev/null
result=$("$prossimo" sync --json)
echo "$result"
case "$result" in
*'"pushed": 1,'*'"pending": 0,'*) ;;
*) fail "the contact did not reach the service" ;;
esac
echo "smoke test: PASSED"
