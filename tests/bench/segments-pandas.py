#!/usr/bin/python3
# segments-pandas.py DB TODAY — the peer of bench-segments: RFM scores and
# A/B/C classes the common way in pandas. Prints the seconds the work took
# (reading the purchases included, starting Python and importing pandas
# not) and the number of customers classed, for the benchmark to compare.
import sqlite3
import sys
import time

import pandas as pd

db, today = sys.argv[1], pd.Timestamp(sys.argv[2])
start = time.perf_counter()
con = sqlite3.connect(db)
purchases = pd.read_sql_query(
    "SELECT customer_id, occurred, amount FROM timeline WHERE kind = 0", con)
purchases["day"] = pd.to_datetime(purchases["occurred"].str.slice(0, 10))
purchases = purchases[purchases["day"] <= today]
period = purchases[purchases["day"] > today - pd.Timedelta(days=365)]

rfm = pd.DataFrame({
    "recency": (today - purchases.groupby("customer_id")["day"].max()).dt.days,
    "frequency": period.groupby("customer_id")["amount"].count(),
    "monetary": period.groupby("customer_id")["amount"].sum(),
}).fillna(0)
rfm["r"] = pd.qcut(rfm["recency"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1])
rfm["f"] = pd.qcut(rfm["frequency"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
rfm["m"] = pd.qcut(rfm["monetary"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5])

revenue = rfm["monetary"][rfm["monetary"] > 0].sort_values(ascending=False)
share_before = (revenue.cumsum() - revenue) / revenue.sum()
rfm["class"] = "C"
rfm.loc[share_before[share_before < 0.95].index, "class"] = "B"
rfm.loc[share_before[share_before < 0.80].index, "class"] = "A"
elapsed = time.perf_counter() - start
print(f"{elapsed:.4f} {len(rfm)}")
