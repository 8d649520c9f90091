"""Shared figures. Each function returns ``(fig, alt_text)``: the alt text says in a sentence or
two what the figure shows, numbers included. Colours come from one colour-blind-safe palette
(Okabe & Ito). matplotlib is imported on first use, so ``import labelsim`` stays fast.
Every parameter is checked before drawing; parameters after the data are keyword-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._validate import MAX_PAY, _check_frame, check_int, check_probability, check_real, check_text, rng
from .datasets import BOX_COLUMNS, Scenes, Shapes, _as_boxes, _check_dataset, _check_scenes
from .ledger import Ledger
from .wages import _check_wages

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe–Ito: black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple
PALETTE = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")


def _pyplot():
    import matplotlib.pyplot as plt

    return plt


def _column(name: str, value, frame: pd.DataFrame, frame_name: str, numeric: bool = False) -> str:
    """``value`` if it names a column of ``frame`` (holding numbers if ``numeric``)."""
    check_text(name, value)
    if value not in frame.columns:
        raise ValueError(f"{name} must be a column of {frame_name} {list(frame.columns)}, got {value!r}")
    if numeric and not pd.api.types.is_numeric_dtype(frame[value]):
        raise TypeError(f"{name}: column {value!r} of {frame_name} must hold numbers, "
                        f"got {frame[value].dtype}")
    return value


def _curve(curve) -> pd.DataFrame:
    if not isinstance(curve, pd.DataFrame):
        raise TypeError(f"curve must be a pandas DataFrame, got {type(curve).__name__}")
    if curve.empty:
        raise ValueError("curve is empty: expected at least one row")
    return curve


def shapes_grid(data: Shapes, *, per_class: int = 6, seed: int = 0) -> tuple[Figure, str]:
    """Example images, one row per class, each titled with its ambiguity (0 = clear).

    >>> from labelsim import datasets
    >>> fig, alt = shapes_grid(datasets.shapes(n_items=60, seed=0), per_class=4)
    >>> alt.startswith("A grid of 12 example images")
    True
    """
    if not isinstance(data, Shapes):
        raise TypeError(f"data must be a Shapes dataset (datasets.shapes(...)), got {type(data).__name__}")
    _check_dataset(data, images=True)
    if "ambiguity" not in data.items.columns:
        raise ValueError("data.items must have an 'ambiguity' column, as datasets.shapes makes it")
    per_class = check_int("per_class", per_class, 1, 20)
    g = rng(seed)
    items = data.items
    picks = {c: g.permutation(np.flatnonzero(items["true_label"].to_numpy() == c))[:per_class]
             for c in data.classes}
    plt = _pyplot()
    fig, axes = plt.subplots(len(data.classes), per_class, squeeze=False,
                             figsize=(1.3 * per_class, 1.4 * len(data.classes) + 0.6))
    for row, (label, chosen) in enumerate(picks.items()):
        for col, ax in enumerate(axes[row]):
            ax.set_xticks([])
            ax.set_yticks([])
            if col < len(chosen):
                task = chosen[col]
                ax.imshow(data.images[task], cmap="gray", vmin=0, vmax=255)
                ambiguity = items["ambiguity"].iloc[task]
                ax.set_title(f"#{task} amb. {ambiguity:.2f}", fontsize=8,
                             color=PALETTE[6] if ambiguity > 0 else PALETTE[0])
            else:
                ax.axis("off")
        axes[row, 0].set_ylabel(label, fontsize=10)
    fig.suptitle("Example items by true label (amb. = ambiguity, 0 = clear)")
    fig.supxlabel("examples (task id above each image)")
    fig.supylabel("true label")
    fig.tight_layout()
    shown = np.concatenate(list(picks.values()))
    n_ambiguous = int((items["ambiguity"].to_numpy()[shown] > 0).sum())
    alt = (f"A grid of {shown.size} example images, up to {per_class} per class "
           f"({', '.join(data.classes)}); {n_ambiguous} of them are ambiguous (rounded, cut by "
           f"the frame or partly hidden), their ambiguity highlighted above them.")
    return fig, alt


def scene_boxes(scenes: Scenes, *, task: int, annotations: pd.DataFrame | None = None) -> tuple[Figure, str]:
    """One scene with its true boxes (solid) and, if given, workers' boxes (dashed):
    ``annotations`` is a frame with columns task, x0, y0, x1, y1 (e.g. from ``run_box_job``).

    >>> from labelsim import datasets
    >>> fig, alt = scene_boxes(datasets.scenes(n_items=3, seed=0), task=0)
    >>> "true box" in alt
    True
    """
    _check_scenes(scenes)
    task = check_int("task", task, 0, len(scenes) - 1)
    if annotations is not None:
        _as_boxes("annotations", _check_frame("annotations", annotations, ("task",) + BOX_COLUMNS))
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.imshow(scenes.images[task], cmap="gray", vmin=0, vmax=255)
    truth = scenes.boxes[scenes.boxes["task"] == task]
    for row in truth.itertuples():
        ax.add_patch(plt.Rectangle((row.x0 - 0.5, row.y0 - 0.5), row.x1 - row.x0, row.y1 - row.y0,
                                   fill=False, lw=2, color=PALETTE[1]))
    n_drawn = 0
    if annotations is not None:
        drawn = annotations[annotations["task"] == task]
        n_drawn = len(drawn)
        for row in drawn.itertuples():
            ax.add_patch(plt.Rectangle((row.x0 - 0.5, row.y0 - 0.5), row.x1 - row.x0,
                                       row.y1 - row.y0, fill=False, lw=1, ls="--", color=PALETTE[2]))
    ax.set_title(f"Scene {task}: true boxes (solid) and workers' boxes (dashed)", fontsize=9)
    ax.set_xlabel("x (pixels)")
    ax.set_ylabel("y (pixels)")
    fig.tight_layout()
    alt = (f"Scene {task}, a 64 by 64 pixel image with {len(truth)} shapes, each with its true "
           f"box in orange" + (f", and {n_drawn} boxes drawn by workers, dashed in blue." if n_drawn else "."))
    return fig, alt


def ledger_hours(ledger: Ledger) -> tuple[Figure, str]:
    """Paid and unpaid hours per role, as stacked horizontal bars.

    >>> from labelsim.ledger import Ledger
    >>> fig, alt = ledger_hours(Ledger.from_records("a", "trainer", ["label", "search"],
    ...                                             [3600.0, 1800.0], [5.0, 0.0], [True, False]))
    >>> alt.split(";")[0]
    'Hours of human work by role: trainer 1.5 h (0.5 unpaid)'
    """
    if not isinstance(ledger, Ledger):
        raise TypeError(f"ledger must be a labelsim Ledger, got {type(ledger).__name__}")
    if len(ledger) == 0:
        raise ValueError("ledger is empty: no hours to draw")
    table = ledger.by_role()
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.5, 2.8))
    roles = table.index.tolist()
    ax.barh(roles, table["paid_hours"], color=PALETTE[5], label="paid")
    ax.barh(roles, table["unpaid_hours"], left=table["paid_hours"], color=PALETTE[1],
            hatch="//", label="unpaid")
    ax.invert_yaxis()
    ax.set_xlim(0, max(float(table["hours"].max()), 1e-9) * 1.05)  # an empty unpaid bar must not clip
    ax.set_xlabel("hours")
    ax.set_ylabel("role")
    ax.set_title("Who did the work: hours by role, paid and unpaid")
    ax.legend(loc="lower right")
    fig.tight_layout()
    parts = [f"{role} {row.hours:.1f} h ({row.unpaid_hours:.1f} unpaid)"
             for role, row in table.iterrows()]
    alt = (f"Hours of human work by role: {'; '.join(parts)}. "
           f"Total pay {table['pay'].sum():.2f} currency units.")
    return fig, alt


def wage_distribution(wages: pd.DataFrame, *, reference_hourly: float | None = None,
                      bins: int = 20) -> tuple[Figure, str]:
    """Histograms of hourly wages on paid time and on all time, with an optional reference line.

    >>> from labelsim.ledger import Ledger
    >>> from labelsim.wages import effective_wages
    >>> led = Ledger.from_records(["a", "b"], "trainer", "label", 3600.0, [5.0, 9.0], True)
    >>> fig, alt = wage_distribution(effective_wages(led), reference_hourly=7.25)
    >>> "1 of 2 workers" in alt
    True
    """
    _check_wages(wages)
    if reference_hourly is not None:
        reference_hourly = check_real("reference_hourly", reference_hourly, 0.0, MAX_PAY, low_open=True)
    bins = check_int("bins", bins, 2, 200)
    paid_time = wages["hourly_wage_paid_time"].dropna()
    effective = wages["effective_hourly_wage"].dropna()
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    edges = np.histogram_bin_edges(pd.concat([paid_time, effective]), bins=bins)
    ax.hist(paid_time, bins=edges, color=PALETTE[2], alpha=0.7, label="per paid hour")
    ax.hist(effective, bins=edges, color=PALETTE[6], alpha=0.7, hatch="//",
            label="per hour of all time (effective)")
    alt = (f"Hourly wages of {len(effective)} workers: median {paid_time.median():.2f} per paid "
           f"hour, {effective.median():.2f} per hour once unpaid time is counted.")
    if reference_hourly is not None:
        ax.axvline(reference_hourly, color=PALETTE[0], ls="--", label=f"reference {reference_hourly:.2f}")
        below = int((effective < reference_hourly).sum())
        alt += f" {below} of {len(effective)} workers earn less than the reference of {reference_hourly:.2f}."
    ax.set_xlabel("hourly wage (currency units per hour)")
    ax.set_ylabel("workers")
    ax.set_title("Hourly wages: paid time only vs all time")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig, alt


def accuracy_vs_redundancy(curve: pd.DataFrame, *, x: str = "redundancy", y: str = "accuracy",
                           by: str | None = None, band: tuple[str, str] | None = None) -> tuple[Figure, str]:
    """Accuracy against redundancy (or any x), one line per value of ``by`` (e.g. "method").

    ``band``: the names of two columns (low, high); where a line has values in them, a shaded
    band is drawn around it, e.g. the range a simulation is expected to land in.

    >>> curve = pd.DataFrame({"redundancy": [1, 3, 5], "accuracy": [0.7, 0.78, 0.84]})
    >>> fig, alt = accuracy_vs_redundancy(curve)
    >>> alt
    'Accuracy against redundancy: from 0.70 at redundancy 1 to 0.84 at redundancy 5.'
    """
    curve = _curve(curve)
    x = _column("x", x, curve, "curve", numeric=True)
    y = _column("y", y, curve, "curve", numeric=True)
    if by is not None:
        _column("by", by, curve, "curve")
    if band is not None:
        if not isinstance(band, (tuple, list)) or len(band) != 2:
            raise ValueError(f"band must be a pair of column names (low, high), got {band!r:.60}")
        for column in band:
            _column("band", column, curve, "curve", numeric=True)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.8))
    groups = curve.groupby(by, sort=False) if by else [(None, curve)]
    parts = []
    for i, (name, group) in enumerate(groups):
        group = group.sort_values(x)
        colour = PALETTE[(i + 5) % len(PALETTE)]
        ax.plot(group[x], group[y], marker="o", color=colour, ls=("-", "--", ":", "-.")[i % 4], label=name)
        first, last = group.iloc[0], group.iloc[-1]
        part = (f"{'' if name is None else f'{name}: '}from {first[y]:.2f} at {x} "
                f"{first[x]:g} to {last[y]:.2f} at {x} {last[x]:g}")
        shaded = group.dropna(subset=list(band)) if band else group.iloc[:0]
        if len(shaded):
            ax.fill_between(shaded[x], shaded[band[0]], shaded[band[1]], color=colour, alpha=0.2, lw=0)
            part += (f", shaded from {shaded[band[0]].iloc[0]:.2f}–{shaded[band[1]].iloc[0]:.2f} "
                     f"to {shaded[band[0]].iloc[-1]:.2f}–{shaded[band[1]].iloc[-1]:.2f}")
        parts.append(part)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(f"{y.capitalize()} against {x}")
    if by:
        ax.legend(title=by)
    fig.tight_layout()
    return fig, f"{y.capitalize()} against {x}: {'; '.join(parts)}."


def show(fig: Figure, alt_text: str) -> None:
    """Display ``fig`` in a notebook as a PNG carrying ``alt_text``, then close it.

    >>> fig, alt = ledger_hours(job.ledger)   # doctest: +SKIP
    >>> show(fig, alt)                        # doctest: +SKIP
    """
    import io

    from IPython.display import Image, display
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    check_text("alt_text", alt_text)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)  # the figures lay themselves out; no second pass
    _pyplot().close(fig)
    display(Image(buffer.getvalue(), alt=alt_text))


def automation_tradeoff(curve: pd.DataFrame, *, by: str | None = None,
                        human_accuracy: float | None = None) -> tuple[Figure, str]:
    """Automation rate, system accuracy and model accuracy against the confidence threshold,
    from ``automation.automation_curve``; with ``by`` (e.g. "mode"), one panel per value;
    with ``human_accuracy``, a line for the accuracy of a person alone.

    >>> curve = pd.DataFrame({"threshold": [0.0, 0.9], "automation_rate": [1.0, 0.6],
    ...                       "model_accuracy": [0.85, 0.97], "system_accuracy": [0.85, 0.95],
    ...                       "human_items": [0, 40], "human_seconds": [0.0, 200.0],
    ...                       "human_cost": [0.0, 0.8]})
    >>> fig, alt = automation_tradeoff(curve)
    >>> alt.split(";")[0]
    'At threshold 0.00 the model answers 100% of items, system accuracy 0.85'
    """
    needed = ("threshold", "automation_rate", "model_accuracy", "system_accuracy",
              "human_items", "human_seconds")
    curve = _curve(curve)
    missing = [c for c in needed if c not in curve.columns]
    if missing:
        raise ValueError(f"curve must be a frame from automation_curve; missing {missing}")
    if by is not None:
        _column("by", by, curve, "curve")
    if human_accuracy is not None:
        human_accuracy = check_probability("human_accuracy", human_accuracy)
    groups = list(curve.groupby(by, sort=False)) if by else [(None, curve)]
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(groups), figsize=(6.5 if len(groups) == 1 else 4.6 * len(groups), 3.8),
                             sharey=True, squeeze=False)
    lines = (("automation_rate", "share answered by the model alone", "-", PALETTE[1]),
             ("system_accuracy", "accuracy of model + people", "--", PALETTE[5]),
             ("model_accuracy", "accuracy of the model on what it keeps", ":", PALETTE[6]))
    title = "Automation against accuracy: what the threshold trades"
    parts = []
    for ax, (name, group) in zip(axes[0], groups):
        group = group.sort_values("threshold")
        for column, label, style, colour in lines:
            ax.plot(group["threshold"], group[column], marker="o", ls=style, color=colour, label=label)
        if human_accuracy is not None:
            ax.axhline(human_accuracy, color=PALETTE[0], ls="-.", lw=1, label="accuracy of a person alone")
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("confidence threshold (below it, an item goes to a person)")
        ax.set_title(title if name is None else f"{by}: {name}", fontsize=None if name is None else 10)
        first, last = group.iloc[0], group.iloc[-1]
        parts.append(f"{'' if name is None else f'{by} {name}: '}"
                     f"At threshold {first.threshold:.2f} the model answers {first.automation_rate:.0%} of "
                     f"items, system accuracy {first.system_accuracy:.2f}; at threshold {last.threshold:.2f} "
                     f"it answers {last.automation_rate:.0%}, system accuracy {last.system_accuracy:.2f}, "
                     f"and people handle {int(last.human_items)} items ({last.human_seconds / 3600:.1f} h).")
    axes[0, 0].set_ylabel("share of items")
    axes[0, 0].legend(fontsize=8, loc="lower left")
    if by:
        fig.suptitle(title)
    fig.tight_layout()
    person = "" if human_accuracy is None else f" A dash-dot line marks {human_accuracy:.2f}, a person alone."
    return fig, " ".join(parts) + person


def confusion_heatmap(matrix: pd.DataFrame | dict, *, title: str = "Confusion matrix",
                      columns: int = 3) -> tuple[Figure, str]:
    """A confusion matrix (rows: true label, columns: answer; rows sum to 1) as a heatmap with
    its values written in the cells. Pass ``pool.confusion(worker, classes)`` or
    ``result.confusions.loc[worker]`` from ``aggregate.dawid_skene``, or a dict panel title ->
    matrix to compare several side by side (``columns`` panels a row). Colour map: cividis
    (0 dark, 1 bright), readable with colour-vision deficiencies; each cell also shows its value.

    >>> m = pd.DataFrame([[0.9, 0.1], [0.3, 0.7]], index=["cat", "dog"], columns=["cat", "dog"])
    >>> fig, alt = confusion_heatmap(m, title="w003")
    >>> alt
    'w003: right answers (diagonal) range from 0.70 for dog to 0.90 for cat; largest confusion: dog answered as cat (0.30).'
    """
    panels = matrix if isinstance(matrix, dict) else {None: matrix}
    if not panels or not all(isinstance(m, pd.DataFrame) and not m.empty for m in panels.values()):
        raise TypeError("matrix must be a non-empty pandas DataFrame (rows: true, columns: answer), "
                        "or a dict title -> such a DataFrame")
    for name, panel in panels.items():
        if name is not None:
            check_text("matrix (a panel title)", name)
        values = panel.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        shown = values[~np.isnan(values)]
        if (panel.isna().sum().sum() != np.isnan(values).sum() or not shown.size
                or ((shown < 0) | (shown > 1)).any()):
            raise ValueError("matrix must hold shares in [0, 1] (or NaN)"
                             + ("" if name is None else f", not so in panel {name!r}"))
    title = check_text("title", title)
    columns = check_int("columns", columns, 1, 12)
    plt = _pyplot()
    size = 1.2 + 0.7 * max(max(m.shape) for m in panels.values())
    n_cols = min(columns, len(panels))
    n_rows = -(-len(panels) // n_cols)
    fig, axes = plt.subplots(n_rows, n_cols, squeeze=False, layout="constrained",
                             figsize=(1.25 * size * n_cols + 0.4, 1.1 * size * n_rows + (0.5 if len(panels) > 1 else 0)))
    descriptions = []
    for index, (ax, (name, panel)) in enumerate(zip(axes.flat, panels.items())):
        ax.imshow(panel.to_numpy(dtype=float), cmap="cividis", vmin=0, vmax=1)
        for (i, j), value in np.ndenumerate(panel.to_numpy(dtype=float)):
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=8,
                    color=PALETTE[0] if value > 0.5 else PALETTE[4])
        ax.set_xticks(range(panel.shape[1]), [str(c) for c in panel.columns], rotation=45, ha="right")
        ax.set_yticks(range(panel.shape[0]), [str(r) for r in panel.index])
        ax.set_xlabel("answer given")
        if index % n_cols == 0:
            ax.set_ylabel("true label")
        ax.set_title(title if name is None else name, fontsize=10 if name is None else 9)
        descriptions.append(_describe_confusion(panel, title if name is None else name))
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    if len(panels) > 1:
        fig.suptitle(title)
    return fig, " ".join(d + "." for d in descriptions) if len(panels) == 1 else \
        f"{title}. " + " ".join(d + "." for d in descriptions)


def _describe_confusion(matrix: pd.DataFrame, title: str) -> str:
    shared = [label for label in matrix.index if label in matrix.columns]
    diagonal = pd.Series({label: float(matrix.loc[label, label]) for label in shared})
    alt = f"{title}: "
    if not diagonal.empty:
        alt += (f"right answers (diagonal) range from {diagonal.min():.2f} for {diagonal.idxmin()} "
                f"to {diagonal.max():.2f} for {diagonal.idxmax()}; ")
    off = matrix.where(~np.equal.outer(matrix.index.to_numpy(), matrix.columns.to_numpy()))
    if off.notna().any().any():
        true, answer = off.stack().idxmax()
        alt += f"largest confusion: {true} answered as {answer} ({off.loc[true, answer]:.2f})"
    return alt.rstrip("; ")


def worker_agreement(agreement: pd.Series, *, kinds: pd.Series | None = None,
                     chance: float | None = None,
                     title: str = "Each worker's agreement with the aggregated labels") -> tuple[Figure, str]:
    """One bar per worker (sorted) for a score in [0, 1], e.g. from
    ``quality.agreement_with_aggregate`` or ``quality.worker_scores(...).gold_accuracy``;
    bars coloured by ``kinds`` (worker -> kind, covering every worker scored) if given, with an
    optional chance line.

    >>> fig, alt = worker_agreement(pd.Series({"w000": 0.9, "w001": 0.4}), chance=1 / 3)
    >>> alt
    'Score of 2 workers, from 0.40 (w001) to 0.90 (w000); 0 below chance (0.33).'
    """
    if not isinstance(agreement, pd.Series) or agreement.dropna().empty:
        raise TypeError("agreement must be a non-empty pandas Series worker -> score")
    if not pd.api.types.is_numeric_dtype(agreement) or pd.api.types.is_bool_dtype(agreement):
        raise TypeError(f"agreement must hold scores (numbers), got dtype {agreement.dtype}")
    scores = agreement.dropna().sort_values()
    if not scores.index.is_unique or ((scores < 0) | (scores > 1)).any():
        raise ValueError("agreement must hold one score in [0, 1] per worker (or NaN)")
    if kinds is not None:
        if not isinstance(kinds, pd.Series):
            raise TypeError(f"kinds must be a pandas Series worker -> kind, got {type(kinds).__name__}")
        missing = scores.index.difference(kinds.index)
        if len(missing) or not kinds.index.is_unique or kinds.reindex(scores.index).isna().any():
            raise ValueError(f"kinds must give one kind for every worker in agreement; missing or "
                             f"empty for {list(missing[:3]) or 'some workers'}")
    if chance is not None:
        chance = check_probability("chance", chance)
    title = check_text("title", title)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(max(5.0, 0.18 * len(scores) + 2), 3.6))
    if kinds is None:
        ax.bar(range(len(scores)), scores.to_numpy(), color=PALETTE[5])
    else:
        kind_of = kinds.reindex(scores.index).astype(str)
        for i, kind in enumerate(sorted(kind_of.unique())):
            where = np.flatnonzero(kind_of.to_numpy() == kind)
            ax.bar(where, scores.to_numpy()[where], color=PALETTE[(i + 1) % len(PALETTE)], label=kind)
        ax.legend(fontsize=8, title="worker kind")
    alt = (f"Score of {len(scores)} workers, from {scores.iloc[0]:.2f} ({scores.index[0]}) to "
           f"{scores.iloc[-1]:.2f} ({scores.index[-1]})")
    if chance is not None:
        ax.axhline(chance, color=PALETTE[0], ls="--", lw=1)
        ax.text(0, chance, " chance", va="bottom", fontsize=8)
        alt += f"; {int((scores < chance).sum())} below chance ({chance:.2f})"
    ax.set_xticks(range(len(scores)), scores.index, rotation=90, fontsize=6)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("worker (sorted by score)")
    ax.set_ylabel("score")
    ax.set_title(title)
    fig.tight_layout()
    return fig, alt + "."
