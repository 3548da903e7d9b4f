# Sends the calibration queries to a running kr serve, three rounds, and reports route.checks.check_ms.
import json, sys, urllib.request
port, qfile, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
qs = [json.loads(l)["query"] for l in open(qfile) if l.strip()]
ms, statuses = [], {}
for r in range(rounds):
    for q in qs:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/query", json.dumps({"query": q}).encode(),
                                     {"Content-Type": "application/json"})
        d = json.load(urllib.request.urlopen(req))
        statuses[d["status"]] = statuses.get(d["status"], 0) + 1
        c = d["route"].get("checks")
        if r > 0 and c and c.get("check_ms") is not None:  # round 0 is the warm-up
            ms.append(c["check_ms"])
ms.sort()
p = lambda f: ms[min(len(ms) - 1, int(f * len(ms)))]
print(json.dumps({"checked_answers": len(ms), "p50_ms": p(0.5), "p90_ms": p(0.9), "p99_ms": p(0.99),
                  "max_ms": ms[-1], "statuses": statuses}))
