"""Answers for lab 8's exercises, for the answer test: one code string per exercise, in order.

RIGHT: a correct answer written differently from the notebook's solution (the check must pass).
WRONG: a plausible mistake (the check must fail).
"""

RIGHT = [
    # Exercise 1: count with a loop over the rows instead of pandas sums
    "rows = list(comparisons[['close_call', 'pay']].itertuples(index=False))\n"
    "n_close_calls = sum(1 for close, _ in rows if close)\n"
    "share_close_calls = n_close_calls / len(rows)\n"
    "pay_close_calls = sum(pay for close, pay in rows if close)\n",
    # Exercise 2: the median wage earned per unit of pay per comparison, then solve for the reference
    "per_unit = (wages['effective_hourly_wage'] / PAY_PER_COMPARISON).median()\n"
    "rate_needed = REFERENCE_WAGE / per_unit\n",
]

WRONG = [
    # Exercise 1: the share of pairs with a close call, not of comparisons
    "n_close_calls = int(comparisons['close_call'].sum())\n"
    "share_close_calls = n_close_calls / comparisons['task'].nunique()\n"
    "pay_close_calls = n_close_calls * PAY_PER_COMPARISON\n",
    # Exercise 2: scaling by the paid-time wage, which ignores the unpaid hours
    "rate_needed = PAY_PER_COMPARISON * REFERENCE_WAGE / wages['hourly_wage_paid_time'].median()\n",
]
