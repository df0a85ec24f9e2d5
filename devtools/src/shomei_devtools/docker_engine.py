"""A Docker engine of the project's own, for the compose smoke test (tests/docker).

Debian's `docker.io` dockerd, installed on first use, runs with its data root, exec root and
socket under `.local/docker/`: it never touches the machine's default socket (/var/run/docker.sock)
nor another engine's images. Images persist in that data root between runs, so the second run
reuses the base image, the wheels and every unchanged layer.

No image can be pulled here, so the base image is built locally: `debootstrap` bookworm with
Debian's Python 3.11, imported with `docker import` and cached under a name derived from what it
holds. docs/adr/0038-images-and-compose.md says why.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from shomei_devtools.paths import local_dir
from shomei_devtools.process import stop, wait_until
from shomei_devtools.system import ensure_command

SUITE = "bookworm"
MIRROR = "http://deb.debian.org/debian"
# What every Shomei image needs of its base: Python 3.11 with venv (the Dockerfile's stages),
# CA certificates (pip), and nothing to compile with.
BASE_PACKAGES = ("python3", "python3-venv", "ca-certificates")
# The machine's own extra CAs (a TLS-inspecting egress proxy's, say): the local base image trusts
# what the machine trusts, or pip inside a build could not reach PyPI where the machine can.
EXTRA_CAS = Path("/usr/local/share/ca-certificates")


class EngineUnavailable(RuntimeError):
    """No Docker engine could be started here (the message says why)."""


def base_image_tag() -> str:
    """The base image's name, which changes when what it holds does."""
    digest = hashlib.sha256(" ".join((SUITE, MIRROR, *BASE_PACKAGES)).encode()).hexdigest()[:12]
    return f"shomei-local/base:{SUITE}-{digest}"


@dataclass
class LocalDockerEngine:
    root: Path = field(default_factory=lambda: local_dir() / "docker")
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def socket(self) -> Path:
        return self.root / "docker.sock"

    @property
    def host(self) -> str:
        return f"unix://{self.socket}"

    def env(self) -> dict[str, str]:
        """The environment for docker, docker-compose and testcontainers to reach this engine only."""
        # Debian's client first: compose builds through `docker build`, which must match the engine.
        path = f"/usr/bin:{os.environ.get('PATH', '')}"
        return {**os.environ, "PATH": path, "DOCKER_HOST": self.host, "DOCKER_BUILDKIT": "1",
                "COMPOSE_DOCKER_CLI_BUILD": "1", "TESTCONTAINERS_RYUK_DISABLED": "true",
                "DOCKER_CONFIG": str(self.root / "client")}

    def docker(self, *args: str, check: bool = True, capture: bool = False,
               input_file: Path | None = None) -> subprocess.CompletedProcess[str]:
        stdin = open(input_file, "rb") if input_file else None  # noqa: SIM115 - closed below
        try:
            return subprocess.run([self.client(), *args], env=self.env(), check=check, text=not stdin,
                                  capture_output=capture, stdin=stdin)
        finally:
            if stdin:
                stdin.close()

    @staticmethod
    def client() -> str:
        # Debian's client, matching its engine (a newer client elsewhere on PATH may refuse it).
        ensure_command("dockerd", "docker.io")
        return "/usr/bin/docker" if Path("/usr/bin/docker").exists() else ensure_command("docker", "docker.io")

    def subnet_octet(self) -> int:
        return 64 + int(hashlib.sha256(str(self.root.resolve()).encode()).hexdigest(), 16) % 128

    def running(self) -> bool:
        return self.socket.exists() and self.docker("version", check=False, capture=True).returncode == 0

    def start(self) -> None:
        if os.geteuid() != 0:
            raise EngineUnavailable("the Docker engine needs root here (rootless dockerd is not set up)")
        try:
            dockerd = ensure_command("dockerd", "docker.io")
        except (RuntimeError, subprocess.CalledProcessError) as error:
            raise EngineUnavailable(f"cannot install Debian's docker.io: {error}") from error
        if self.running():
            return  # an engine of this checkout left by an interrupted run: reuse it
        for name in ("data", "exec", "client"):
            (self.root / name).mkdir(parents=True, exist_ok=True)
        self.socket.unlink(missing_ok=True)
        log = open(self.root / "dockerd.log", "ab")  # noqa: SIM115 - the child owns it
        self.process = subprocess.Popen(
            [dockerd, "--data-root", str(self.root / "data"), "--exec-root", str(self.root / "exec"),
             "--pidfile", str(self.root / "dockerd.pid"), "--host", self.host,
             "--containerd-namespace", "shomei", "--containerd-plugins-namespace", "shomei-plugins",
             # Compose's networks from a range of this checkout's own, so that two checkouts' engines
             # on one machine do not hand out the same subnets.
             f"--default-address-pool=base=10.{self.subnet_octet()}.0.0/16,size=24"],
            stdout=log, stderr=log, start_new_session=True)
        try:
            wait_until(self.running, timeout=90, what="dockerd", process=self.process, interval=0.5)
        except (RuntimeError, TimeoutError) as error:
            tail = (self.root / "dockerd.log").read_text(errors="replace").splitlines()[-15:]
            self.stop()
            raise EngineUnavailable(f"{error}; dockerd's log ends:\n" + "\n".join(tail)) from error

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process, signal.SIGTERM, timeout=60, what="dockerd")
            self.process = None

    def has_image(self, tag: str) -> bool:
        return self.docker("image", "inspect", tag, check=False, capture=True).returncode == 0

    def base_image(self) -> str:
        """Debian bookworm with Python 3.11 (built once by debootstrap and imported), trusting the
        machine's extra CAs."""
        raw = self.debootstrapped_image()
        certificates = sorted(EXTRA_CAS.glob("*.crt")) if EXTRA_CAS.is_dir() else []
        if not certificates:
            return raw
        digest = hashlib.sha256(b"".join(c.read_bytes() for c in certificates)).hexdigest()[:12]
        tag = f"{raw}-ca-{digest}"
        if not self.has_image(tag):
            context = self.root / "ca-context"
            subprocess.run(["rm", "-rf", str(context)], check=True)
            context.mkdir(parents=True)
            for certificate in certificates:
                (context / certificate.name).write_bytes(certificate.read_bytes())
            (context / "Dockerfile").write_text(f"FROM {raw}\nCOPY *.crt /usr/local/share/ca-certificates/\n"
                                               "RUN update-ca-certificates >/dev/null\n")
            self.docker("build", "-q", "-t", tag, str(context), capture=True)
        return tag

    def debootstrapped_image(self) -> str:
        tag = base_image_tag()
        if self.has_image(tag):
            return tag
        archive = self.root / f"{tag.rpartition(':')[2]}.tar"
        if not archive.exists():
            debootstrap = ensure_command("debootstrap", "debootstrap")
            rootfs = self.root / "rootfs"
            subprocess.run(["rm", "-rf", str(rootfs)], check=True)
            print(f"building the base image with debootstrap {SUITE} (a few minutes, once)", flush=True)
            subprocess.run([debootstrap, "--variant=minbase", f"--include={','.join(BASE_PACKAGES)}",
                            SUITE, str(rootfs), MIRROR], check=True, stdout=subprocess.DEVNULL)
            subprocess.run(["rm", "-rf", *(str(p) for p in (rootfs / "var/cache/apt/archives").glob("*.deb"))],
                           check=True)
            draft = archive.with_suffix(".part")
            subprocess.run(["tar", "-C", str(rootfs), "-cf", str(draft), "."], check=True)
            draft.rename(archive)
            subprocess.run(["rm", "-rf", str(rootfs)], check=True)
        self.docker("import", "--change", 'CMD ["/bin/bash"]', "-", tag, input_file=archive)
        return tag

    def compose_command(self) -> Path:
        """A `docker` that answers `docker compose ...` with Debian's docker-compose (v1), for
        testcontainers' DockerCompose, which speaks the compose plugin's command line."""
        compose = ensure_command("docker-compose", "docker-compose")
        shim = self.root / "bin" / "docker"
        shim.parent.mkdir(parents=True, exist_ok=True)
        shim.write_text(f'#!/bin/sh\nif [ "$1" = compose ]; then shift; exec {compose} "$@"; fi\n'
                        f'exec {self.client()} "$@"\n')
        shim.chmod(0o755)
        return shim

    def build(self, tag: str, context: Path, *, base: str, dockerfile: Path | None = None) -> None:
        """Build `tag` from `context` with BASE_IMAGE=`base` (layers cached in the data root)."""
        extra = ["-f", str(dockerfile)] if dockerfile else []
        built = self.docker("build", "-q", "--build-arg", f"BASE_IMAGE={base}", "-t", tag, *extra, str(context),
                            check=False, capture=True)
        if built.returncode != 0:
            raise RuntimeError(f"docker build of {tag} failed:\n{(built.stdout + built.stderr)[-4000:]}")
