#!/usr/bin/env python3
"""Writes the seeds of the `compressed_archive` fuzz target into DIR: the demo export as a zip, a
.tar.gz and one gzip-compressed CSV member, so that the fuzzer starts inside the archive readers
(they are recognised by their first bytes, which random mutation rarely finds)."""
import gzip
import io
import sys
import tarfile
import zipfile
from pathlib import Path

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
demo = Path(__file__).resolve().parent.parent / "fixtures/demo/ucmdata_export_demo.tar"
data = demo.read_bytes()
# mtime=0: the same seeds on every run.
(out / "demo.tar.gz").write_bytes(gzip.compress(data, mtime=0))
with tarfile.open(fileobj=io.BytesIO(data)) as tar:
    members = [(m.name, tar.extractfile(m).read()) for m in tar.getmembers() if m.isfile()]
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
    for name, body in members:
        archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
(out / "demo.zip").write_bytes(buffer.getvalue())
phone = next(body for name, body in members if name.endswith("phone.csv"))
(out / "phone.csv.gz").write_bytes(gzip.compress(phone, mtime=0))
