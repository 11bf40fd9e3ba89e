"""Checks of the deployment files in deploy/ (compose wiring, systemd unit, Containerfile).

Owns: parsing compose.yaml, the unit and the Containerfile and checking their commands
against the real `prossimo-central` parser. Must never start a container or the service.
"""

import configparser
import ipaddress
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from central.cli import build_parser

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
HARDENING = {
    "DynamicUser": "yes",
    "ProtectSystem": "strict",
    "NoNewPrivileges": "yes",
    "PrivateTmp": "yes",
    "ProtectHome": "yes",
    "CapabilityBoundingSet": "",
    "SystemCallFilter": "@system-service",
}


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def _serve_args(argv: list[str]) -> object:
    """The namespace the real parser makes of a `prossimo-central serve ...` command line."""
    assert Path(argv[0]).name == "prossimo-central"
    assert argv[1] == "serve"
    return build_parser().parse_args(argv[1:])


def test_proxy_trust_is_exactly_caddys_fixed_address() -> None:
    services = _compose()["services"]
    caddy_ip = services["caddy"]["networks"]["front"]["ipv4_address"]
    subnet = _compose()["networks"]["front"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(caddy_ip) in ipaddress.ip_network(subnet)
    args = _serve_args(services["central"]["command"])
    assert args.forwarded_allow_ips == caddy_ip


def test_only_the_proxy_publishes_ports_and_no_inline_passwords() -> None:
    services = _compose()["services"]
    assert [name for name, service in services.items() if service.get("ports")] == ["caddy"]
    text = json.dumps(services)
    assert not re.search(r"://[^/@\s]*:[^/@\s]*@", text), "a password inside a URL"
    for service in services.values():
        for name in service.get("environment", {}):
            assert "PASSWORD" not in name or name.endswith("_FILE"), name
    assert set(services["db"]["secrets"]) == {"db_password"}


def test_images_are_pinned_to_major_versions() -> None:
    images = {name: s["image"] for name, s in _compose()["services"].items() if "build" not in s}
    assert images == {"caddy": "docker.io/library/caddy:2.8", "db": "docker.io/library/postgres:15"}


def _unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read(DEPLOY / "prossimo-central.service", encoding="utf-8")
    return parser


def test_unit_hardening_and_secrets_by_credential() -> None:
    service = _unit()["Service"]
    for key, value in HARDENING.items():
        assert service.get(key) == value, key
    assert "LoadCredential" in service
    assert "PASSWORD" not in service.get("Environment", "").upper()


def test_unit_command_line_is_accepted_by_the_real_parser() -> None:
    argv = shlex.split(_unit()["Service"]["ExecStart"].replace("%d", "/run/credentials/x"))
    args = _serve_args(argv)
    assert args.forwarded_allow_ips == "127.0.0.1"
    assert args.key_file == "/run/credentials/x/central.key"


def test_metrics_listen_only_on_internal_addresses() -> None:
    """Issue 16 item 8: compose's metrics are on the internal back network, not Caddy's front;
    the unit's on loopback; neither on the API's port."""
    compose = _compose()
    central = compose["services"]["central"]
    args = _serve_args(central["command"])
    back = ipaddress.ip_network(compose["networks"]["back"]["ipam"]["config"][0]["subnet"])
    front = ipaddress.ip_network(compose["networks"]["front"]["ipam"]["config"][0]["subnet"])
    address = ipaddress.ip_address(args.metrics.host)
    assert compose["networks"]["back"]["internal"] is True
    assert address in back and address not in front
    assert args.metrics.host == central["networks"]["back"]["ipv4_address"] and args.metrics.port != args.port
    unit = _serve_args(shlex.split(_unit()["Service"]["ExecStart"].replace("%d", "/run/credentials/x")))
    assert ipaddress.ip_address(unit.metrics.host).is_loopback and unit.metrics.port != unit.port
    assert args.log_format == unit.log_format == "json"


def test_a_wrong_flag_is_refused_by_the_parser() -> None:
    # The checks above would be empty if the parser accepted anything.
    with pytest.raises(SystemExit):
        _serve_args(["prossimo-central", "serve", "--forwarded-allow-ips", "*"])


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify(tmp_path: Path) -> None:
    # verify needs the ExecStart binary to exist: point it at a copy of the unit with /bin/true.
    unit = (DEPLOY / "prossimo-central.service").read_text(encoding="utf-8")
    unit = unit.replace("/opt/prossimo/bin/prossimo-central", "/bin/true")
    path = tmp_path / "prossimo-central.service"
    path.write_text(unit, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "prossimo-central.service" not in result.stderr, result.stderr


def test_containerfile_cmd_is_accepted_and_healthcheck_targets_health() -> None:
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    cmd = [line for line in text.splitlines() if line.startswith("CMD ")]
    assert len(cmd) == 1
    args = _serve_args(json.loads(cmd[0][4:]))
    assert args.port == 8080
    assert "/v1/health" in text.split("HEALTHCHECK", 1)[1]
    assert re.search(r"^USER (?!root|0\b)", text, re.M)
    assert re.search(r"^ARG BASE_IMAGE=debian:bookworm-slim$", text, re.M)
