"""How documents are run: the one path from a document to its ``DocumentOutcome``.

``Runner(service, executor).run_one(item, RunOptions(...))`` (``run.runner``) is called by
the CLI, batch, the API, ``summarizer worker`` and the eval. The executor, chosen once per
run (``run.executors.make_executor``), decides where the CPU work runs: inline, in a thread,
or in worker processes under a CPU budget (``run.pool.WorkPool``); model calls are awaited
on the event loop. Outcomes are built in ``run.outcome`` only.

Nothing is imported here, so ``run.outcome`` (the batch file's line format) stays cheap to load.
"""
