"""Apache Jena from Debian's ``libapache-jena-java``, for the store tests.

Two pitfalls make the obvious ``java -cp '/usr/share/java/*' ...`` fail there
(see ../shared/TOOLS-NOTES.md):

- that folder holds several SLF4J bindings, and Java dies at start-up: the classpath is an
  explicit list of jars, with exactly one binding (slf4j-simple);
- Debian's jena-core.jar relocates Xerces to the package ``xerces.*`` but leaves its message
  bundles (``.properties``) under ``org/apache/jena/ext/xerces/``: every command then fails
  with "internal error" in ``XSSimpleTypeDecl``. The bundles are copied out into a folder laid
  out as ``xerces/...``, put first on the classpath.

Then ``riot --validate`` is strict (warnings such as ill-typed literals fail it), ``arq``
runs SPARQL on files, and TDB2 (the store behind Fuseki) loads datasets.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Literal, URIRef

JAVA_DIR = Path("/usr/share/java")
JARS = [
    "jena-cmds",
    "jena-arq",
    "jena-core",
    "jena-base",
    "jena-iri",
    "jena-shacl",
    "jena-tdb2",
    "jena-tdb",
    "jena-dboe-base",
    "jena-dboe-index",
    "jena-dboe-storage",
    "jena-dboe-trans-data",
    "jena-dboe-transaction",
    "jena-rdfconnection",
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-io",
    "commons-lang3",
    "gson",
    "guava",
    "httpclient",
    "httpclient-cache",
    "httpcore",
    "jackson-annotations",
    "jackson-core",
    "jackson-databind",
    "jsonld-java",
    "titanium-json-ld",
    "protobuf",
    "thrift",
    "dexx.collection",
    "slf4j-api",
    "slf4j-simple",
    "jcl-over-slf4j",
    "jakarta.json-api",
    "jakarta.json",
]
REQUIRED = [
    "jena-cmds",
    "jena-arq",
    "jena-core",
    "jena-base",
    "jena-iri",
    "jena-tdb2",
    "slf4j-api",
    "slf4j-simple",
]
_XERCES = "org/apache/jena/ext/xerces/"


def install_hint() -> str:
    return (
        "apt-get install libapache-jena-java default-jre-headless "
        "(tests/install-system-deps.sh installs the first)"
    )


@dataclass
class Jena:
    classpath: str
    java: str

    def run(self, main: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        # quick start-up: these are short runs
        flags = ["-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
        return subprocess.run(
            [self.java, *flags, "-cp", self.classpath, main, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    # --- riot ---------------------------------------------------------------------------

    def validate(self, path: Path) -> subprocess.CompletedProcess:
        """``riot --validate FILE`` (strict: any warning fails)."""
        return self.run("riotcmd.riot", "--validate", "--strict", str(path))

    # --- arq / TDB2 -----------------------------------------------------------------------

    def arq(self, data: Path, query: Path) -> tuple[list[str], list[tuple]]:
        """``arq --data FILE --query Q.rq``: (variables, rows of rdflib terms)."""
        p = self.run("arq.sparql", "--data", str(data), "--query", str(query), "--results=json")
        if p.returncode != 0:
            raise AssertionError(f"arq failed on {query.name}:\n{p.stderr[-3000:]}")
        return parse_json_results(p.stdout)

    def tdb2_load(self, location: Path, *files: Path) -> None:
        p = self.run("tdb2.tdbloader", "--loc", str(location), *map(str, files))
        if p.returncode != 0:
            raise AssertionError(f"tdb2.tdbloader failed:\n{p.stderr[-3000:]}")

    def tdb2_query(
        self, location: Path, query: Path, union: bool = True
    ) -> tuple[list[str], list[tuple]]:
        """A query on a TDB2 database; ``union``: the default graph is the union of the named
        graphs (each triple once), as Fuseki's ``tdb2:unionDefaultGraph``."""
        args = ["--loc", str(location), "--query", str(query), "--results=json"]
        if union:
            args[:0] = ["--set", "tdb:unionDefaultGraph=true"]
        p = self.run("tdb2.tdbquery", *args)
        if p.returncode != 0:
            raise AssertionError(f"tdb2.tdbquery failed on {query.name}:\n{p.stderr[-3000:]}")
        return parse_json_results(p.stdout)


def parse_json_results(text: str) -> tuple[list[str], list[tuple]]:
    """SPARQL 1.1 JSON results → (variables, rows of rdflib terms or None)."""
    data = json.loads(text)
    names = data["head"]["vars"]
    rows = []
    for b in data["results"]["bindings"]:
        row = []
        for v in names:
            t = b.get(v)
            if t is None:
                row.append(None)
            elif t["type"] == "uri":
                row.append(URIRef(t["value"]))
            elif t["type"] == "bnode":
                row.append(BNode(t["value"]))
            elif "xml:lang" in t:
                row.append(Literal(t["value"], lang=t["xml:lang"]))
            elif t.get("datatype") and t["datatype"] != "http://www.w3.org/2001/XMLSchema#string":
                row.append(Literal(t["value"], datatype=URIRef(t["datatype"]), normalize=False))
            else:
                row.append(Literal(t["value"]))
        rows.append(tuple(row))
    return names, rows


def find_jena(workdir: Path) -> tuple[Jena | None, str]:
    """(Jena, "") when Java and Debian's Jena jars are here, else (None, why not)."""
    java = shutil.which("java")
    if java is None:
        return None, f"no java on PATH ({install_hint()})"
    missing = [j for j in REQUIRED if not (JAVA_DIR / f"{j}.jar").is_file()]
    if missing:
        return None, f"Jena jars missing in {JAVA_DIR}: {', '.join(missing)} ({install_hint()})"
    fix = workdir / "xerces-messages"
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(_XERCES) and name.endswith(".properties"):
                dest = fix / "xerces" / name[len(_XERCES) :]
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(jar.read(name))
    jars = [str(JAVA_DIR / f"{j}.jar") for j in JARS if (JAVA_DIR / f"{j}.jar").is_file()]
    jena = Jena(":".join([str(fix), *jars]), java)
    probe = jena.run("riotcmd.riot", "--version", timeout=120)
    if probe.returncode != 0:
        return None, f"Jena does not start: {probe.stderr.strip()[-500:]}"
    return jena, ""


COMMANDS = {
    "riot": "riotcmd.riot",
    "arq": "arq.sparql",
    "tdb2.tdbloader": "tdb2.tdbloader",
    "tdb2.tdbquery": "tdb2.tdbquery",
}


def main(argv: list[str]) -> int:
    """``python tests/jena.py riot|arq|tdb2.tdbloader|tdb2.tdbquery ARGS...``: Jena's command
    line tools on Debian's jars, as the Apache distribution's ``bin/riot``, ``bin/arq``..."""
    import sys
    import tempfile

    if not argv or argv[0] not in COMMANDS:
        print(f"usage: python tests/jena.py {{{'|'.join(COMMANDS)}}} ARGS...", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="jena-") as work:
        jena, why = find_jena(Path(work))
        if jena is None:
            print(f"jena: {why}", file=sys.stderr)
            return 2
        flags = ["-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
        return subprocess.call(
            [jena.java, *flags, "-cp", jena.classpath, COMMANDS[argv[0]], *argv[1:]]
        )


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
