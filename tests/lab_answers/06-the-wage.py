"""Lab 6: a right answer written differently from the solution, and a wrong one, per exercise."""

RIGHT = [
    # Exercise 1: a missing wage filled with 0 (never above the line), then counted.
    """share_above_paid = sum(wages["hourly_wage_paid_time"].fillna(0) > REFERENCE_WAGE) / N_WORKERS
share_above_all = float(np.mean(wages["effective_hourly_wage"].fillna(0) > REFERENCE_WAGE))""",
    # Exercise 2: the group's members from group_of, the ratio written the other way round.
    """members = group_of[group_of == lowest_group].index
median_wage = group_wages.loc[members, "effective_hourly_wage"].median()
rate_needed = REFERENCE_WAGE / median_wage * RATE_BY_GROUP[lowest_group]""",
]

WRONG = [
    # Exercise 1: the share among the workers who have a wage, not among all of them.
    """share_above_paid = (wages["hourly_wage_paid_time"].dropna() > REFERENCE_WAGE).mean()
share_above_all = (wages["effective_hourly_wage"].dropna() > REFERENCE_WAGE).mean()""",
    # Exercise 2: scaled by the paid-time median instead of the all-time one.
    """median_paid = group_wages.loc[group_wages["group"] == lowest_group, "hourly_wage_paid_time"].median()
rate_needed = RATE_BY_GROUP[lowest_group] * REFERENCE_WAGE / median_paid""",
]
