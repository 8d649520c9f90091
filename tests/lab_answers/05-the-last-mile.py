"""Lab 5: a right answer written differently from the solution, and a wrong one, per exercise."""

RIGHT = [
    # Exercise 1: a query and nsmallest, three names at once.
    """ok = curves.query("mode == 'verify' and system_accuracy >= @TARGET_ACCURACY")
row = ok.nsmallest(1, "threshold").iloc[0]
threshold_needed, automation_at_target, hours_at_target = row["threshold"], row["automation_rate"], row["human_hours"]""",
    # Exercise 2: a plain loop that stops at the first step below one half.
    """first_mostly_human = None
hours_when_mostly_human = None
for position, (rate, hours) in enumerate(zip(harder["automation rate"], harder["human hours per 1,000"])):
    if rate < 0.5:
        first_mostly_human, hours_when_mostly_human = position, hours
        break""",
]

WRONG = [
    # Exercise 1: the most accurate threshold, not the lowest one that reaches the target.
    """verify_rows = curves[curves["mode"] == "verify"]
best = verify_rows.loc[verify_rows["system_accuracy"].idxmax()]
threshold_needed = best["threshold"]
automation_at_target = best["automation_rate"]
hours_at_target = best["human_hours"]""",
    # Exercise 2: counted from 1 instead of 0.
    """steps = list(harder["automation rate"] < 0.5)
first_mostly_human = steps.index(True) + 1
hours_when_mostly_human = harder["human hours per 1,000"].iloc[first_mostly_human - 1]""",
]
