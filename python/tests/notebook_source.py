"""Databricks Python source notebooks (the master copies) as Jupyter notebooks.

    python python/tests/notebook_source.py   # rewrites notebooks/jupyter/*.ipynb from notebooks/python/*.py

test_notebooks.py fails while a Jupyter copy differs from what its source gives.
"""
import glob
import os

import nbformat

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
SOURCES = os.path.join(ROOT, "notebooks", "python")
JUPYTER = os.path.join(ROOT, "notebooks", "jupyter")
HEADER = "# Databricks notebook source"
SEPARATOR = "# COMMAND ----------"
MAGIC = "# MAGIC"


def sources():
    return sorted(glob.glob(os.path.join(SOURCES, "*.py")))


def jupyter_path(source):
    return os.path.join(JUPYTER, os.path.basename(source)[:-3] + ".ipynb")


def cells(source):
    """The source's cells as (kind, text): ``markdown`` for ``%md`` cells, ``code`` otherwise."""
    with open(source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[0].strip() != HEADER:
        raise ValueError("%s: the first line must be %r" % (source, HEADER))
    chunks, current = [], []
    for line in lines[1:]:
        if line.strip() == SEPARATOR:
            chunks.append(current)
            current = []
        else:
            current.append(line)
    chunks.append(current)
    result = []
    for number, chunk in enumerate(chunks, 1):
        text = "\n".join(chunk).strip("\n")
        body = [line for line in text.split("\n") if line.strip()]
        if body and all(line.startswith(MAGIC) for line in body):
            magic = [line[len(MAGIC) + 1:] if line.startswith(MAGIC + " ") else line[len(MAGIC):]
                     for line in text.split("\n")]
            if magic[0].strip() != "%md":
                raise ValueError("%s: cell %d is a %s cell; only %%md magic cells run outside Databricks"
                                 % (source, number, magic[0].split()[0]))
            result.append(("markdown", "\n".join(magic[1:]).strip("\n")))
        elif text:
            result.append(("code", text))
    return result


def notebook(source):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    name = os.path.basename(source)[:-3]
    for i, (kind, text) in enumerate(cells(source), 1):
        cell = nbformat.v4.new_markdown_cell(text) if kind == "markdown" else nbformat.v4.new_code_cell(text)
        cell.id = "%s-%d" % (name, i)  # stable ids keep the generated file stable
        nb.cells.append(cell)
    return nb


def render(source):
    return nbformat.writes(notebook(source)) + "\n"


if __name__ == "__main__":
    os.makedirs(JUPYTER, exist_ok=True)
    for s in sources():
        with open(jupyter_path(s), "w", encoding="utf-8") as f:
            f.write(render(s))
        print(jupyter_path(s))
