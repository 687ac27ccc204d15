#!/usr/bin/env python3
"""Rewrites LifeOS.Ci.slnf from LifeOS.sln: every project except the AppHost, whose Aspire packages the CI feed lacks."""
import json, pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
solution = (root / "LifeOS.sln").read_text()
projects = sorted(
    path.replace("\\", "/")
    for path in re.findall(r'Project\("\{[^}]+\}"\) = "[^"]+", "([^"]+\.csproj)"', solution)
    if "LifeOS.AppHost" not in path
)
filter_ = {"solution": {"path": "LifeOS.sln", "projects": projects}}
(root / "LifeOS.Ci.slnf").write_text(json.dumps(filter_, indent=2) + "\n")
print(f"LifeOS.Ci.slnf: {len(projects)} projects")
