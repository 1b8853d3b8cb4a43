"""Every Python notebook runs, cell by cell, in an IPython kernel on a local Spark; the Jupyter copies match the sources."""
import os
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import notebook_source
from conftest import MODELS, ROOT

SOURCES = notebook_source.sources()


def test_there_are_notebooks():
    assert len(SOURCES) >= 5, SOURCES


@pytest.mark.parametrize("source", SOURCES, ids=os.path.basename)
def test_the_jupyter_copy_is_generated_from_the_source(source):
    path = notebook_source.jupyter_path(source)
    committed = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    assert committed == notebook_source.render(source), (
        "%s is stale: run python python/tests/notebook_source.py and commit it" % os.path.relpath(path, ROOT))


@pytest.mark.parametrize("source", SOURCES, ids=os.path.basename)
def test_the_notebook_runs_and_its_checks_hold(source, tmp_path, monkeypatch):
    nb = nbformat.read(notebook_source.jupyter_path(source), as_version=4)
    conf = {"spark.sparkscore.notebook.workDir": str(tmp_path), "spark.sparkscore.notebook.models": MODELS}
    data = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
    if os.path.isdir(data):
        conf["spark.sparkscore.notebook.data"] = data
    # The kernel's sparkscore.start() launches Spark with these (pyspark reads PYSPARK_SUBMIT_ARGS).
    monkeypatch.setenv("PYSPARK_SUBMIT_ARGS", " ".join("--conf %s=%s" % kv for kv in conf.items()) + " pyspark-shell")
    monkeypatch.chdir(ROOT)
    client = NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": ROOT}})
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    started = time.time()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as e:
                pytest.fail("%s: cell %d of %d failed:\n%s\n--- cell source ---\n%s" % (
                    os.path.relpath(source, ROOT), index + 1, len(nb.cells), e, cell.source), pytrace=False)
    print("notebook %s: %d cells (%d code), %.1f s" % (
        os.path.basename(source), len(nb.cells), code_cells, time.time() - started))
