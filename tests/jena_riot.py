"""Apache Jena's strict ``riot --validate`` from the Debian package, for tests.

Debian's ``/usr/share/java`` holds several SLF4J bindings (``java -cp '/usr/share/java/*'``
dies at start-up), so the jars are listed one by one; and Debian's jena-core relocates
Xerces to ``xerces.*`` but leaves its message bundles under ``org/apache/jena/ext/xerces/``,
so every command fails with "internal error" unless those ``.properties`` files are copied
out to a ``xerces/...`` folder put first on the classpath (see shared/TOOLS-NOTES.md).

:func:`riot_validate` returns ``(ok, output)``; :func:`jena_available` says whether Java and
the jars are there (tests skip, saying why, when they are not).
"""
from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
JARS = ("jena-cmds", "jena-arq", "jena-core", "jena-base", "jena-iri", "jena-shacl",
        "jena-tdb2", "jena-dboe-base", "jena-dboe-index", "jena-dboe-storage",
        "jena-dboe-trans-data", "jena-dboe-transaction", "commons-cli", "commons-codec",
        "commons-compress", "commons-csv", "commons-io", "commons-lang3", "gson", "guava",
        "httpclient", "httpcore", "jackson-annotations", "jackson-core", "jackson-databind",
        "jsonld-java", "titanium-json-ld", "jakarta.json-api", "protobuf", "thrift",
        "dexx.collection", "slf4j-api", "slf4j-simple")

__all__ = ["jena_available", "riot_validate", "why_unavailable"]


def why_unavailable() -> str | None:
    """None when riot can run here, else the reason."""
    if shutil.which("java") is None:
        return "java is not installed"
    missing = [j for j in JARS if not (JAVA_DIR / f"{j}.jar").is_file()]
    if missing:
        return f"Debian libapache-jena-java is not installed (missing {', '.join(missing[:3])})"
    return None


def jena_available() -> bool:
    return why_unavailable() is None


@functools.lru_cache(maxsize=1)
def _classpath() -> str:
    fix = Path(tempfile.mkdtemp(prefix="jena-xerces-"))
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        prefix = "org/apache/jena/ext/xerces/"
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                target = fix / "xerces" / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    jars = [str(JAVA_DIR / f"{j}.jar") for j in JARS if (JAVA_DIR / f"{j}.jar").is_file()]
    return ":".join([str(fix), *jars])


def riot_validate(*paths: str | Path, timeout: float = 120) -> tuple[bool, str]:
    """``riot --validate --strict`` on Turtle/TriG files: (no error and no warning, output)."""
    cmd = ["java", "-Xss8m", "-cp", _classpath(), "riotcmd.riot", "--validate", "--strict",
           *map(str, paths)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    output = (done.stdout + done.stderr).strip()
    # riot prints "WARN" / "ERROR" lines for problems; --validate exits non-zero on errors
    ok = done.returncode == 0 and not any(
        word in line for line in output.splitlines() for word in ("WARN", "ERROR", "Exception"))
    return ok, output
