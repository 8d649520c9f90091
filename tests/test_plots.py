"""plots: every figure has a title, labelled axes, palette colours and alt text with its numbers."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from labelsim import collect, datasets, plots, wages  # noqa: E402
from labelsim.ledger import Ledger  # noqa: E402
from labelsim.workers import WorkerPool  # noqa: E402

PALETTE = {mcolors.to_hex(c) for c in plots.PALETTE}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def titled(fig) -> bool:
    return bool(fig._suptitle or any(ax.get_title() for ax in fig.axes))


def test_ledger_hours_bars_and_alt_text():
    ledger = Ledger.from_records(["a", "a", "b"], ["trainer", "trainer", "verifier"],
                                 ["label", "search", "gold"], [7200.0, 3600.0, 1800.0],
                                 [10.0, 0.0, 1.0], [True, False, True])
    fig, alt = plots.ledger_hours(ledger)
    ax = fig.axes[0]
    assert titled(fig) and ax.get_xlabel() == "hours" and ax.get_ylabel() == "role"
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx([2.0, 0.5, 0.0, 1.0, 0.0, 0.0])  # paid bars, then unpaid
    assert {mcolors.to_hex(p.get_facecolor()) for p in ax.patches} <= PALETTE
    assert "trainer 3.0 h (1.0 unpaid)" in alt and "11.00" in alt


def test_wage_distribution_counts_workers_below_reference():
    ledger = Ledger.from_records(["a", "b", "c"], "trainer", "label", 3600.0, [5.0, 7.0, 12.0], True)
    fig, alt = plots.wage_distribution(wages.effective_wages(ledger), reference_hourly=7.25)
    ax = fig.axes[0]
    assert titled(fig) and ax.get_xlabel() and ax.get_ylabel() == "workers"
    assert "2 of 3 workers earn less than the reference of 7.25" in alt
    assert "median 7.00 per paid hour" in alt


def test_shapes_grid_and_scene_boxes():
    data = datasets.shapes(n_items=90, n_classes=3, ambiguity=0.0, seed=0)
    fig, alt = plots.shapes_grid(data, per_class=5)
    assert titled(fig) and len([ax for ax in fig.axes if ax.images]) == 15
    assert alt.startswith("A grid of 15 example images") and "0 of them are ambiguous" in alt
    scenes = datasets.scenes(n_items=4, seed=1)
    job = collect.run_box_job(scenes, WorkerPool.uniform(3, 0.9, seed=0), redundancy=2, seed=0)
    fig, alt = plots.scene_boxes(scenes, 1, job.annotations)
    n_true = int((scenes.boxes.task == 1).sum())
    assert len(fig.axes[0].patches) == 3 * n_true  # the truth plus two workers' boxes per object
    assert f"with {n_true} shapes" in alt and f"{2 * n_true} boxes drawn by workers" in alt


def test_accuracy_vs_redundancy_lines():
    curve = pd.DataFrame({"redundancy": [5, 1, 3] * 2, "accuracy": [0.9, 0.7, 0.8, 0.85, 0.7, 0.75],
                          "method": ["ds"] * 3 + ["mv"] * 3})
    fig, alt = plots.accuracy_vs_redundancy(curve, by="method")
    lines = fig.axes[0].get_lines()
    assert [list(line.get_xdata()) for line in lines] == [[1, 3, 5], [1, 3, 5]]
    assert {mcolors.to_hex(line.get_color()) for line in lines} <= PALETTE
    assert "ds: from 0.70 at redundancy 1 to 0.90 at redundancy 5" in alt
    with pytest.raises(ValueError, match="accuracy"):
        plots.accuracy_vs_redundancy(curve.drop(columns="accuracy"))
    with pytest.raises(TypeError, match="curve"):
        plots.accuracy_vs_redundancy([1, 2])
