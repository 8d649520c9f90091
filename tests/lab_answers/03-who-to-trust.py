"""Lab 3: a right answer written differently from the solution, and a wrong one, per exercise."""

RIGHT = [
    # Exercise 1: one joined table filtered by both conditions; the rows picked with query().
    """scored = job.gold_scores.join(kinds)
hit = scored[(scored["gold_accuracy"] < EXERCISE_THRESHOLD) & scored["kind"].isin(HONEST_KINDS)]
falsely_rejected = hit.index.tolist()
rows = job.annotations.query("worker in @falsely_rejected")
lost_hours = rows["seconds"].sum() / 60 / 60
lost_pay = PAY_PER_LABEL * rows.shape[0]""",
]

WRONG = [
    # Exercise 1: every worker below the threshold, spammers included.
    """falsely_rejected = list(job.gold_scores.index[job.gold_scores["gold_accuracy"] < EXERCISE_THRESHOLD])
rows = job.annotations[job.annotations["worker"].isin(falsely_rejected)]
lost_hours = rows["seconds"].sum() / 3600
lost_pay = len(rows) * PAY_PER_LABEL""",
]
