"""The package list, computed: the code under cramptext/, and rules/ shipped
inside it as the data package cramptext.data (with every rule folder), so a
new module or rule folder cannot be left out of the wheel. Everything else is
in pyproject.toml."""
from setuptools import find_namespace_packages, find_packages, setup

code = find_packages(include=["cramptext", "cramptext.*"])
data = ["cramptext.data"] + [f"cramptext.data.{name}" for name in find_namespace_packages(where="rules", exclude=["*__pycache__*"])]

setup(packages=code + data, package_dir={"cramptext.data": "rules"})
