"""Write the lab explorers' grids: docs/explorers/data/NN-slug.json (git-ignored).

    python tools/explorers.py

For labs 2, 5 and 6, labelsim computes the lab's key figure at every point of a grid of
settings (the lab's parameters come from its notebook, tools/lab_parameters.py), with the
ledger's totals. docs/assets/explorer.js only looks a grid point up and draws it: there is no
simulation in the browser. Each file holds ``controls`` (name, label, values, default) and
``points``: key (the control values joined by "|") -> series, marker, alt text and totals.
"""

from __future__ import annotations

import json
import math
import pathlib
import sys

import numpy as np

import labelsim as ls

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lab_parameters import parameters  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "explorers" / "data"
SEED = 0


def key(*values) -> str:
    return "|".join(str(v) for v in values)


def hours(x: float) -> str:
    return f"{x:.1f} h"


def dollars(x: float) -> str:
    return f"${x:,.2f}"


def majority_right(n: int, p: float) -> float:
    """Lab 2's binomial formula (two labels; a tie is a coin flip)."""
    right = sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(n // 2 + 1, n + 1))
    if n % 2 == 0:
        right += 0.5 * math.comb(n, n // 2) * (p * (1 - p)) ** (n // 2)
    return right


def many_hands() -> dict:
    """Lab 2: majority-vote accuracy against labels per item, for a few worker accuracies."""
    lab = parameters("02-many-hands")
    accuracies = sorted({0.6, lab["ACCURACY"], 0.8})
    redundancies = lab["REDUNDANCIES"]
    points = {}
    for p in accuracies:
        curves, ledgers = {}, {}
        for n_classes in (lab["N_CLASSES"], lab["N_CLASSES_MORE"]):
            data = ls.datasets.shapes(n_items=lab["N_ITEMS"], n_classes=n_classes, ambiguity=0.0, seed=SEED)
            pool = ls.workers.WorkerPool.uniform(lab["N_WORKERS"], accuracy=p, seed=SEED)
            curve = []
            for r in redundancies:
                job = ls.collect.run_job(data, pool, redundancy=r, pay_per_label=lab["PAY_PER_LABEL"],
                                         gold_fraction=0.0, seed=SEED + r)
                majority = ls.aggregate.majority_vote(job.annotations, seed=SEED)
                curve.append([r, float(ls.quality.accuracy(majority.labels, data.truth))])
                if n_classes == lab["N_CLASSES"]:
                    ledgers[r] = job.ledger.summary().loc["total"]
            curves[n_classes] = curve
        formula = [[r, majority_right(r, p)] for r in redundancies]
        for i, r in enumerate(redundancies):
            total = ledgers[r]
            simulated = curves[lab["N_CLASSES"]][i][1]
            points[key(p, r)] = {
                "series": [
                    {"name": "binomial formula, 2 labels", "points": formula, "dash": True},
                    {"name": f"simulated, {lab['N_CLASSES']} labels", "points": curves[lab["N_CLASSES"]]},
                    {"name": f"simulated, {lab['N_CLASSES_MORE']} labels", "points": curves[lab["N_CLASSES_MORE"]]},
                ],
                "marker": [r, simulated],
                "alt": (f"Line chart of majority-vote accuracy against labels per item, workers right with "
                        f"probability {p}: at {r} labels per item the simulation (2 labels) reaches "
                        f"{simulated:.3f}, the formula {formula[i][1]:.3f}."),
                "totals": {
                    "labels per item": str(r),
                    "majority right (simulated, 2 labels)": f"{simulated:.1%}",
                    "requester pays": dollars(total["pay"]),
                    "workers' paid hours": hours(total["paid hours"]),
                    "workers' unpaid hours": hours(total["unpaid hours"]),
                    "unpaid share of their time": f"{total['unpaid share (%)']}%",
                },
            }
    return {"id": "02-many-hands", "title": "Many hands: labels per item",
            "x": "labels per item", "y": "share of items the majority gets right", "y_range": [0.5, 1.0],
            "controls": [
                {"name": "accuracy", "label": "Each worker's chance of a right answer", "values": accuracies,
                 "default": lab["ACCURACY"]},
                {"name": "redundancy", "label": "Labels per item", "values": redundancies,
                 "default": lab["CHOSEN_REDUNDANCY"]}],
            "points": points}


def last_mile() -> dict:
    """Lab 5: system accuracy against automation rate, verify and imitate, by threshold."""
    lab = parameters("05-the-last-mile")
    data = ls.datasets.shapes(n_items=lab["N_ITEMS"], n_classes=lab["N_CLASSES"], ambiguity=lab["AMBIGUITY"], seed=SEED)
    pool = ls.workers.WorkerPool.mixed(n_workers=lab["N_WORKERS"], seed=SEED)
    job = ls.collect.run_job(data, pool, redundancy=lab["REDUNDANCY"], pay_per_label=lab["PAY_PER_LABEL"], seed=SEED)
    crowd = ls.aggregate.dawid_skene(job.annotations)
    trainers = job.ledger.summary().loc["trainer"]
    seconds = {"verify": lab["VERIFY_SECONDS"], "imitate": lab["IMITATE_SECONDS"]}
    curves = {mode: ls.automation.automation_curve(
        data, crowd.labels, thresholds=lab["THRESHOLDS"], seed=SEED, mode=mode,
        human_accuracy=lab["HUMAN_ACCURACY"], seconds_per_check=seconds[mode],
        pay_per_check=lab["HOURLY_PAY"] * seconds[mode] / 3600, train_fraction=lab["TRAIN_FRACTION"])
        for mode in seconds}
    series = [{"name": mode, "points": [[float(a), float(s)] for a, s in
                                        zip(curve["automation_rate"], curve["system_accuracy"])],
               "dash": mode == "imitate"} for mode, curve in curves.items()]
    role = {"verify": "verifiers", "imitate": "imitators"}
    points = {}
    for mode, curve in curves.items():
        for row in curve.itertuples():
            people_hours = row.human_seconds / 3600
            points[key(mode, row.threshold)] = {
                "series": series,
                "marker": [float(row.automation_rate), float(row.system_accuracy)],
                "alt": (f"Line chart of system accuracy against automation rate, one line per mode; "
                        f"in {mode} mode at threshold {row.threshold} the model answers "
                        f"{row.automation_rate:.0%} alone and the system is right on {row.system_accuracy:.1%}."),
                "totals": {
                    "automation rate": f"{row.automation_rate:.1%}",
                    "system accuracy": f"{row.system_accuracy:.1%}",
                    "items sent to people": str(row.human_items),
                    f"{role[mode]}' hours": hours(people_hours),
                    f"{role[mode]}' pay": dollars(row.human_cost),
                    "trainers' hours (the crowd job)": hours(trainers["hours"]),
                    "trainers' pay": dollars(trainers["pay"]),
                    "all human hours": hours(trainers["hours"] + people_hours),
                },
            }
    return {"id": "05-the-last-mile", "title": "The last mile: confidence threshold and mode",
            "x": "automation rate (share answered by the model alone)", "y": "system accuracy (model + people)",
            "x_range": [0.0, 1.0], "y_range": None,
            "controls": [
                {"name": "mode", "label": "What a person does with a routed item", "values": list(seconds),
                 "default": "verify"},
                {"name": "threshold", "label": "Confidence threshold", "values": [float(t) for t in lab["THRESHOLDS"]],
                 "default": float(lab["THRESHOLD"])}],
            "points": points}


def the_wage() -> dict:
    """Lab 6: each worker's effective hourly wage, by price per label and unpaid minutes."""
    lab = parameters("06-the-wage")
    unpaid = {"search": lab["SEARCH_SECONDS"], "instructions": lab["INSTRUCTIONS_SECONDS"],
              "qualification": lab["QUALIFICATION_SECONDS"]}
    lab_minutes = sum(unpaid.values()) / 60
    prices = sorted({0.01, lab["PAY_PER_LABEL"], 0.03, 0.05, 0.10})
    minutes = sorted({0, 5, lab_minutes, 20, 30})
    data = ls.datasets.shapes(n_items=lab["N_ITEMS"], seed=SEED)
    pool = ls.workers.WorkerPool.mixed(n_workers=lab["N_WORKERS"], seed=SEED)
    reference = lab["REFERENCE_WAGE"]
    points = {}
    for price in prices:
        for m in minutes:
            scale = m / lab_minutes
            job = ls.collect.run_job(data, pool, redundancy=lab["REDUNDANCY"], pay_per_label=price,
                                     gold_fraction=lab["GOLD_FRACTION"], gold_threshold=lab["GOLD_THRESHOLD"],
                                     seed=SEED, search_seconds=unpaid["search"] * scale,
                                     instructions_seconds=unpaid["instructions"] * scale,
                                     qualification_seconds=unpaid["qualification"] * scale)
            wages = ls.wages.effective_wages(job.ledger)
            effective = np.sort(wages["effective_hourly_wage"].dropna().to_numpy())
            paid = np.sort(wages["hourly_wage_paid_time"].dropna().to_numpy())
            total = job.ledger.summary().loc["total"]
            median = float(np.median(effective))
            points[key(price, m)] = {
                "series": [
                    {"name": "per paid hour", "points": [[i + 1, float(w)] for i, w in enumerate(paid)], "dash": True},
                    {"name": "per hour of all time", "points": [[i + 1, float(w)] for i, w in enumerate(effective)]},
                ],
                "reference": {"y": reference, "name": f"reference {reference}/h"},
                "alt": (f"Each simulated worker's hourly wage, sorted, at {price} per label with {m:g} unpaid "
                        f"minutes each: median {median:.2f} per hour of all time, "
                        f"{(effective > reference).mean():.0%} above the reference {reference}/h."),
                "totals": {
                    "median wage, all time": f"{median:.2f}/h",
                    "median wage, paid time only": f"{float(np.median(paid)):.2f}/h",
                    "workers above the reference": f"{int((effective > reference).sum())} of {len(wages)}",
                    "workers rejected (unpaid)": str(len(job.rejected)),
                    "requester pays": dollars(total["pay"]),
                    "paid hours": hours(total["paid hours"]),
                    "unpaid hours": hours(total["unpaid hours"]),
                    "unpaid share of all time": f"{total['unpaid share (%)']}%",
                },
            }
    return {"id": "06-the-wage", "title": "The wage: price per label and unpaid minutes",
            "x": "workers, from lowest to highest wage", "y": "hourly wage (currency units per hour)",
            "y_range": [0.0, None],
            "controls": [
                {"name": "price", "label": "Price per label", "values": prices, "default": lab["PAY_PER_LABEL"]},
                {"name": "minutes", "label": "Unpaid minutes per worker (search, instructions, test)",
                 "values": minutes, "default": lab_minutes}],
            "points": points}


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for build in (many_hands, last_mile, the_wage):
        grid = build()
        for control in grid["controls"]:  # the exact strings of the points' keys, for the page
            control["keys"] = [str(v) for v in control["values"]]
            control["default"] = control["values"].index(control["default"])
        (OUTPUT / f"{grid['id']}.json").write_text(json.dumps(grid, separators=(",", ":")))
        print(f"wrote docs/explorers/data/{grid['id']}.json: {len(grid['points'])} settings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
