"""GK601 text-application-count: requests received, completed or carried over, as the text states
them, against 表三."""

from __future__ import annotations

from ...facts import count
from ...textscan import to_int
from .. import Rule
from . import cell_path, each_clause, earlier


class TextApplicationCount(Rule):
    code = "GK601"
    name = "text-application-count"
    severity = "warning"
    facts = ("requests_new", "requests_carried_in", "requests_done", "requests_carried_out")
    words = ("received", "stated_total", "completed", "carried_over", "earlier", "not_applications")

    def check(self, report):
        pack = report.expected
        new, carried_in = count(report, "requests_new"), count(report, "requests_carried_in")
        done, carried_out = count(report, "requests_done"), count(report, "requests_carried_out")
        other = pack.phrases("not_applications")
        triggers = [pack.phrases(n) for n in ("received", "completed", "carried_over")]
        for clause, pos in each_clause(report, *triggers):
            if other.contains(clause):
                continue
            yield from self._received(report, clause, pos, new, carried_in)
            for m in pack.phrases("completed").finditer(clause) if done is not None else ():
                n = to_int(m.group("n"))
                if n is not None and n != done and not earlier(pack, clause, m.start()):
                    yield self.finding("done", pos(m.start()), n=n, done=done,
                                       data={"said": n, "table": done, "cell": cell_path(report, "requests_done")})
            yield from self._carried(report, clause, pos, carried_out)

    def _received(self, report, clause, pos, new, carried_in):
        """The first stated total of requests received (共收到…): "区政府办受理17件" may be a part."""
        pack = report.expected
        received = pack.phrases("received")
        if received.search(clause) is None:
            return  # one pass of all the phrases rules most clauses out
        for phrase in received:
            for m in phrase.finditer(clause):
                n = to_int(m.group("n"))
                if not pack.phrases("stated_total").search(clause[:m.start("n")]) or new is None or n is None \
                        or earlier(pack, clause, m.start()):
                    continue
                both = new + carried_in if carried_in is not None else None
                if n not in (new, both):
                    yield self.finding("received-and-carried" if carried_in else "received", pos(m.start()), n=n,
                                       new=new, both=both,
                                       data={"said": n, "table": new, "cell": cell_path(report, "requests_new")})
                return

    def _carried(self, report, clause, pos, carried_out):
        pack = report.expected
        carried_over = pack.phrases("carried_over")
        if carried_over.search(clause) is None:
            return
        for phrase in carried_over:
            m = phrase.search(clause)
            if m is None:
                continue
            n = to_int(m.group("n"))
            # 上年度结转 is carried in, not out.
            if not earlier(pack, clause, m.start()) and carried_out is not None and n is not None and n != carried_out:
                yield self.finding("carried", pos(m.start()), n=n, carried=carried_out,
                                   data={"said": n, "table": carried_out,
                                         "cell": cell_path(report, "requests_carried_out")})
            return
