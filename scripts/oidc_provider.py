#!/usr/bin/env python3
"""Offline stand-in for an OpenID Connect provider, for Feast Console tests.

It lets tests run the real `feast serve_registry` with `auth: {type: oidc}`
on loopback, with no network and no real identity provider.

Sub-commands
------------
serve      HTTP server on 127.0.0.1 with the discovery document, the JWK set
           and a small token endpoint (password / client_credentials grants).
           Every request is logged to stdout.
token      Print a signed RS256 JWT (Keycloak-shaped claims) for a user.
keygen     Create the signing key in --keydir (serve/token do it on demand).
init-repo  Copy tests/fixtures/oidc/feature_repo to a work dir, write its
           feature_store.yaml for a provider port and make the sample parquet.
           Needs pyarrow (run it with the Feast venv's python).

Importable API: ensure_key, jwks, discovery_document, mint_token,
verify_token, start_server, make_parquet, init_repo.

The RSA code (key generation and PKCS#1 v1.5 signing) is plain Python so the
provider runs on any python3 without extra packages. Note that the Feast
*server* needs the `cryptography` package to verify RS256 tokens.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import secrets
import shutil
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterable, Optional

KEY_FILE = "signing_key.json"
USERS_FILE = "users.json"
DEFAULT_CLIENT_ID = "feast-console"
DEFAULT_ISSUER = "http://127.0.0.1/realms/feast-test"
REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIR = REPO_ROOT / "tests" / "fixtures" / "oidc"

# ---------------------------------------------------------------------------
# RSA (pure Python)
# ---------------------------------------------------------------------------

_SMALL_PRIMES = [p for p in range(3, 2000, 2) if all(p % d for d in range(3, int(p**0.5) + 1, 2))]


def _is_probable_prime(n: int, rounds: int = 40) -> bool:
    if n < 2:
        return False
    for p in _SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(rounds):
        a = secrets.randbelow(n - 3) + 2
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _random_prime(bits: int, e: int) -> int:
    while True:
        cand = secrets.randbits(bits) | (3 << (bits - 2)) | 1
        if _is_probable_prime(cand) and (cand - 1) % e != 0:
            return cand


def generate_rsa_key(bits: int = 2048) -> dict:
    """Return an RSA private key as a dict of ints (n, e, d, p, q)."""
    e = 65537
    while True:
        p = _random_prime(bits // 2, e)
        q = _random_prime(bits // 2, e)
        n = p * q
        if p != q and n.bit_length() == bits:
            break
    d = pow(e, -1, (p - 1) * (q - 1))
    return {"n": n, "e": e, "d": d, "p": p, "q": q}


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _int_bytes(value: int) -> bytes:
    return value.to_bytes((value.bit_length() + 7) // 8, "big")


# DER prefix of DigestInfo for SHA-256 (RFC 8017, section 9.2, note 1).
_SHA256_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")


def _emsa_pkcs1_v15(message: bytes, k: int) -> int:
    t = _SHA256_PREFIX + hashlib.sha256(message).digest()
    em = b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t
    return int.from_bytes(em, "big")


def rs256_sign(key: dict, message: bytes) -> bytes:
    n, d, p, q = key["n"], key["d"], key["p"], key["q"]
    k = (n.bit_length() + 7) // 8
    m = _emsa_pkcs1_v15(message, k)
    # CRT speeds signing up a lot in pure Python.
    dp, dq, qinv = d % (p - 1), d % (q - 1), pow(q, -1, p)
    m1, m2 = pow(m, dp, p), pow(m, dq, q)
    s = m2 + q * ((qinv * (m1 - m2)) % p)
    return s.to_bytes(k, "big")


def rs256_verify(key: dict, message: bytes, signature: bytes) -> bool:
    n, e = key["n"], key["e"]
    k = (n.bit_length() + 7) // 8
    if len(signature) != k:
        return False
    return pow(int.from_bytes(signature, "big"), e, n) == _emsa_pkcs1_v15(message, k)


# ---------------------------------------------------------------------------
# Key storage, JWKS, discovery
# ---------------------------------------------------------------------------


def ensure_key(keydir: os.PathLike | str) -> dict:
    """Load the signing key from keydir, creating it (and keydir) if absent."""
    path = Path(keydir) / KEY_FILE
    if path.exists():
        raw = json.loads(path.read_text())
        key = {k: int(raw[k], 16) for k in ("n", "e", "d", "p", "q")}
        key["kid"] = raw["kid"]
        return key
    Path(keydir).mkdir(parents=True, exist_ok=True)
    key = generate_rsa_key()
    key["kid"] = "test-" + hashlib.sha256(_int_bytes(key["n"])).hexdigest()[:16]
    tmp = path.with_suffix(".tmp%d" % os.getpid())
    tmp.write_text(json.dumps({k: (hex(v) if isinstance(v, int) else v) for k, v in key.items()}))
    os.chmod(tmp, 0o600)
    try:
        os.link(tmp, path)  # atomic create; a concurrent creator wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return ensure_key(keydir)


def jwks(key: dict) -> dict:
    return {
        "keys": [
            {
                "kty": "RSA",
                "use": "sig",
                "alg": "RS256",
                "kid": key["kid"],
                "n": _b64url(_int_bytes(key["n"])),
                "e": _b64url(_int_bytes(key["e"])),
            }
        ]
    }


def discovery_document(base_url: str, issuer: Optional[str] = None) -> dict:
    base_url = base_url.rstrip("/")
    oidc = base_url + "/protocol/openid-connect"
    return {
        "issuer": issuer or base_url,
        "authorization_endpoint": oidc + "/auth",
        "token_endpoint": oidc + "/token",
        "jwks_uri": oidc + "/certs",
        "userinfo_endpoint": oidc + "/userinfo",
        "grant_types_supported": ["password", "client_credentials"],
        "response_types_supported": ["code", "token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
    }


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------


def _split(value: Optional[Iterable[str] | str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [v for v in value if v]


def build_claims(
    user: str,
    roles: Iterable[str] | str | None = None,
    groups: Iterable[str] | str | None = None,
    namespaces: Iterable[str] | str | None = None,
    audience: str = DEFAULT_CLIENT_ID,
    issuer: str = DEFAULT_ISSUER,
    lifetime: int = 3600,
    expired: bool = False,
    roles_claim: str = "resource_access",
    now: Optional[int] = None,
) -> dict:
    """Keycloak-shaped access-token claims.

    roles_claim: "resource_access" puts roles in resource_access.<audience>.roles,
    "top" in a top-level "roles" list (Entra ID style), "both" in both.
    Feast's OIDC parser reads the user from preferred_username, roles from
    both places above and groups from "groups"; it ignores namespaces.
    """
    now = int(time.time()) if now is None else now
    if expired:
        iat, exp = now - 2 * 3600, now - 3600  # well past Feast's 10 s leeway
    else:
        iat, exp = now, now + lifetime
    roles_l = _split(roles)
    claims: dict = {
        "iss": issuer,
        "sub": "user-" + hashlib.sha256(user.encode()).hexdigest()[:12],
        "aud": audience,
        "azp": audience,
        "typ": "Bearer",
        "iat": iat,
        "nbf": iat,
        "exp": exp,
        "jti": secrets.token_hex(8),
        "preferred_username": user,
        "groups": _split(groups),
    }
    if roles_claim in ("resource_access", "both"):
        claims["resource_access"] = {audience: {"roles": roles_l}}
    if roles_claim in ("top", "both"):
        claims["roles"] = roles_l
    ns = _split(namespaces)
    if ns:
        claims["namespaces"] = ns
    return claims


def sign_claims(key: dict, claims: dict) -> str:
    header = {"alg": "RS256", "typ": "JWT", "kid": key["kid"]}
    signing_input = (
        _b64url(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + _b64url(json.dumps(claims, separators=(",", ":")).encode())
    )
    return signing_input + "." + _b64url(rs256_sign(key, signing_input.encode("ascii")))


def mint_token(keydir: os.PathLike | str, user: str, **kwargs) -> str:
    """Signed JWT for user; kwargs as for build_claims."""
    return sign_claims(ensure_key(keydir), build_claims(user, **kwargs))


def verify_token(keydir: os.PathLike | str, token: str) -> dict:
    """Check signature and expiry with the provider key; return the claims."""
    key = ensure_key(keydir)
    head, body, sig = token.split(".")
    if not rs256_verify(key, (head + "." + body).encode("ascii"), _b64url_decode(sig)):
        raise ValueError("bad signature")
    claims = json.loads(_b64url_decode(body))
    if claims.get("exp", 0) < time.time():
        raise ValueError("expired")
    return claims


# ---------------------------------------------------------------------------
# HTTP server
# ---------------------------------------------------------------------------


def _load_users(keydir: Path) -> dict:
    path = keydir / USERS_FILE
    return json.loads(path.read_text()) if path.exists() else {}


class _Handler(BaseHTTPRequestHandler):
    server_version = "FeastConsoleTestOIDC/1"
    protocol_version = "HTTP/1.1"

    # set per server by start_server
    keydir: Path
    issuer: Optional[str]
    audience: str

    def log_message(self, fmt, *args):  # silence default stderr logging
        pass

    def _log(self, status: int, extra: str = "") -> None:
        print(
            "%s oidc_provider %s %s -> %d%s"
            % (time.strftime("%H:%M:%S"), self.command, self.path, status, extra),
            flush=True,
        )

    def _base_url(self) -> str:
        host = self.headers.get("Host") or "127.0.0.1:%d" % self.server.server_address[1]
        return "http://" + host

    def _send_json(self, status: int, payload: dict, extra: str = "") -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
        self._log(status, extra)

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        if path.endswith("/.well-known/openid-configuration"):
            self._send_json(200, discovery_document(self._base_url() + path[: -len("/.well-known/openid-configuration")], self.issuer))
        elif path.endswith("/protocol/openid-connect/certs") or path == "/jwks":
            self._send_json(200, jwks(ensure_key(self.keydir)))
        elif path == "/healthz":
            self._send_json(200, {"status": "ok"})
        else:
            self._send_json(404, {"error": "not_found"})

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[-1] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
        if not path.endswith("/protocol/openid-connect/token"):
            self._send_json(404, {"error": "not_found"})
            return
        users = _load_users(self.keydir)
        grant = form.get("grant_type", "")
        if grant == "password":
            name = form.get("username", "")
            entry = users.get(name)
            if entry is None or entry.get("password") != form.get("password"):
                self._send_json(401, {"error": "invalid_grant"}, " user=%s" % name)
                return
        elif grant == "client_credentials":
            name = form.get("client_id", "")
            entry = users.get(name)
            if entry is None or entry.get("client_secret") != form.get("client_secret"):
                self._send_json(401, {"error": "invalid_client"}, " client=%s" % name)
                return
        else:
            self._send_json(400, {"error": "unsupported_grant_type"})
            return
        lifetime = int(entry.get("lifetime", 3600))
        token = mint_token(
            self.keydir,
            name,
            roles=entry.get("roles", []),
            groups=entry.get("groups", []),
            namespaces=entry.get("namespaces", []),
            audience=self.audience,
            issuer=self.issuer or self._base_url() + path[: -len("/protocol/openid-connect/token")],
            lifetime=lifetime,
        )
        self._send_json(
            200,
            {"access_token": token, "token_type": "Bearer", "expires_in": lifetime},
            " issued for %s" % name,
        )


def start_server(
    keydir: os.PathLike | str,
    port: int = 0,
    issuer: Optional[str] = None,
    audience: str = DEFAULT_CLIENT_ID,
) -> ThreadingHTTPServer:
    """Start the provider on 127.0.0.1:port in a daemon thread; port 0 = free port.

    The bound port is server.server_address[1]; stop with server.shutdown().
    """
    keydir = Path(keydir)
    ensure_key(keydir)
    handler = type("Handler", (_Handler,), {"keydir": keydir, "issuer": issuer, "audience": audience})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ---------------------------------------------------------------------------
# Fixture repo helpers
# ---------------------------------------------------------------------------


def make_parquet(path: os.PathLike | str) -> None:
    """Write a tiny driver_stats parquet (needs pyarrow)."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    base = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    rows = 6
    table = pa.table(
        {
            "driver_id": pa.array([1001 + i % 3 for i in range(rows)], pa.int64()),
            "event_timestamp": pa.array([base + dt.timedelta(hours=i) for i in range(rows)], pa.timestamp("us", tz="UTC")),
            "created": pa.array([base + dt.timedelta(hours=i) for i in range(rows)], pa.timestamp("us", tz="UTC")),
            "conv_rate": pa.array([0.1 * (i + 1) for i in range(rows)], pa.float32()),
            "trips_today": pa.array([i * 2 for i in range(rows)], pa.int64()),
        }
    )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, str(path))


def init_repo(dest: os.PathLike | str, oidc_port: int, client_id: str = DEFAULT_CLIENT_ID) -> Path:
    """Copy the fixture feature repo to dest and fill in feature_store.yaml.

    Writes feature_store.yaml (auth: oidc, used by apply and serve_registry)
    and data/driver_stats.parquet. Returns dest.
    """
    dest = Path(dest)
    src = FIXTURE_DIR / "feature_repo"
    dest.mkdir(parents=True, exist_ok=True)
    for item in src.iterdir():
        if item.name == "__pycache__":
            continue
        if item.name == "feature_store.yaml.in":
            text = item.read_text().replace("@OIDC_PORT@", str(oidc_port)).replace("@CLIENT_ID@", client_id)
            (dest / "feature_store.yaml").write_text(text)
        elif item.is_file():
            shutil.copy2(item, dest / item.name)
    make_parquet(dest / "data" / "driver_stats.parquet")
    return dest


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    sp = sub.add_parser("serve", help="run the provider on 127.0.0.1")
    sp.add_argument("--port", type=int, default=0, help="0 picks a free port")
    sp.add_argument("--keydir", required=True)
    sp.add_argument("--issuer", help="issuer in the discovery document (default: base URL)")
    sp.add_argument("--audience", default=DEFAULT_CLIENT_ID, help="client id used as aud and resource_access key in token-endpoint tokens")
    sp.add_argument("--port-file", help="write the bound port here once listening")

    tp = sub.add_parser("token", help="print a signed JWT")
    tp.add_argument("--keydir", required=True)
    tp.add_argument("--user", required=True)
    tp.add_argument("--roles", default="")
    tp.add_argument("--groups", default="")
    tp.add_argument("--namespaces", default="")
    tp.add_argument("--audience", default=DEFAULT_CLIENT_ID, help="client id (aud, and resource_access key)")
    tp.add_argument("--issuer", default=DEFAULT_ISSUER)
    tp.add_argument("--lifetime", type=int, default=3600, help="seconds")
    tp.add_argument("--expired", action="store_true", help="exp one hour in the past")
    tp.add_argument("--roles-claim", choices=["resource_access", "top", "both"], default="resource_access")

    kp = sub.add_parser("keygen", help="create the key in keydir if missing")
    kp.add_argument("--keydir", required=True)

    ip = sub.add_parser("init-repo", help="materialise the fixture feature repo (needs pyarrow)")
    ip.add_argument("--dest", required=True)
    ip.add_argument("--oidc-port", type=int, required=True)
    ip.add_argument("--client-id", default=DEFAULT_CLIENT_ID)

    args = ap.parse_args(argv)
    if args.cmd == "serve":
        server = start_server(args.keydir, args.port, args.issuer, args.audience)
        port = server.server_address[1]
        if args.port_file:
            tmp = args.port_file + ".tmp"
            Path(tmp).write_text(str(port))
            os.replace(tmp, args.port_file)
        print("oidc_provider listening on http://127.0.0.1:%d" % port, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            server.shutdown()
        return 0
    if args.cmd == "token":
        print(
            mint_token(
                args.keydir,
                args.user,
                roles=args.roles,
                groups=args.groups,
                namespaces=args.namespaces,
                audience=args.audience,
                issuer=args.issuer,
                lifetime=args.lifetime,
                expired=args.expired,
                roles_claim=args.roles_claim,
            )
        )
        return 0
    if args.cmd == "keygen":
        print(ensure_key(args.keydir)["kid"])
        return 0
    if args.cmd == "init-repo":
        print(init_repo(args.dest, args.oidc_port, args.client_id))
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
