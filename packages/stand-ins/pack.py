#!/usr/bin/env python3
"""Rebuilds the stand-in .nupkg files in this folder from their .nuspec files (a .nupkg is a zip with the nuspec inside)."""
import pathlib, re, zipfile

here = pathlib.Path(__file__).resolve().parent
content_types = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="nuspec" ContentType="application/octet" /><Default Extension="txt" ContentType="application/octet" /></Types>'
)
for nuspec in here.glob("*.nuspec"):
    text = nuspec.read_text()
    package_id = re.search(r"<id>([^<]+)</id>", text).group(1)
    version = re.search(r"<version>([^<]+)</version>", text).group(1)
    target = here / f"{package_id}.{version}.nupkg"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        # Fixed timestamps keep the file byte-identical from one rebuild to the next.
        for name, data in ((nuspec.name, text), ("[Content_Types].xml", content_types), ("stand-in.txt", "no native binaries\n")):
            package.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data)
    print(target.name)
