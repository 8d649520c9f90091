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
    job = collect.run_box_job(scenes, WorkerPool.uniform(3, accuracy=0.9, seed=0), redundancy=2, seed=0)
    fig, alt = plots.scene_boxes(scenes, task=1, annotations=job.annotations)
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


def test_accuracy_vs_redundancy_band():
    curve = pd.DataFrame({"redundancy": [1, 3, 5] * 2, "accuracy": [0.7, 0.78, 0.84, 0.72, 0.8, 0.83],
                          "line": ["formula"] * 3 + ["simulated"] * 3,
                          "low": [0.68, 0.76, 0.82] + [None] * 3, "high": [0.72, 0.8, 0.86] + [None] * 3})
    fig, alt = plots.accuracy_vs_redundancy(curve, by="line", band=("low", "high"))
    bands = fig.axes[0].collections
    assert len(bands) == 1  # only the line with low and high values gets a band
    assert bands[0].get_paths()[0].vertices[:, 1].min() == pytest.approx(0.68)
    assert "formula: from 0.70 at redundancy 1 to 0.84 at redundancy 5, shaded from 0.68–0.72 to 0.82–0.86" in alt
    with pytest.raises(ValueError, match="band"):
        plots.accuracy_vs_redundancy(curve, band="low")


def test_confusion_heatmap_panels():
    m = pd.DataFrame([[0.9, 0.1], [0.3, 0.7]], index=["cat", "dog"], columns=["cat", "dog"])
    fig, alt = plots.confusion_heatmap({"w1: built in": m, "w1: observed": m.iloc[::-1]}, title="Two views")
    shown = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in shown] == ["w1: built in", "w1: observed"]
    assert all(ax.get_xlabel() == "answer given" for ax in shown) and shown[0].get_ylabel() == "true label"
    assert fig._suptitle.get_text() == "Two views" and alt.startswith("Two views. w1: built in: right answers")
    with pytest.raises(TypeError, match="matrix"):
        plots.confusion_heatmap({"empty": pd.DataFrame()})


def test_automation_tradeoff_one_panel_per_mode():
    curve = pd.DataFrame({"threshold": [0.0, 0.9] * 2, "automation_rate": [1.0, 0.6] * 2,
                          "model_accuracy": [0.85, 0.97] * 2, "system_accuracy": [0.85, 0.96, 0.85, 0.93],
                          "human_items": [0, 40] * 2, "human_seconds": [0.0, 200.0, 0.0, 800.0],
                          "mode": ["verify"] * 2 + ["imitate"] * 2})
    fig, alt = plots.automation_tradeoff(curve, by="mode", human_accuracy=0.95)
    assert [ax.get_title() for ax in fig.axes] == ["mode: verify", "mode: imitate"]
    assert [list(ax.lines[1].get_ydata()) for ax in fig.axes] == [[0.85, 0.96], [0.85, 0.93]]
    assert all(ax.lines[-1].get_ydata()[0] == 0.95 for ax in fig.axes)  # a person alone
    assert "mode imitate: At threshold 0.00" in alt and "0.95, a person alone" in alt
    with pytest.raises(ValueError, match="human_accuracy"):
        plots.automation_tradeoff(curve, human_accuracy=1.5)
