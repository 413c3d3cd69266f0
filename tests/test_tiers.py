"""The test tiers (tests/tiers.py): which ``-m`` expressions leave the slow folders uncollected,
and that those folders exist and are marked slow when collected."""

from __future__ import annotations

import re

import pytest

from tests.tiers import SLOW_PATHS, TESTS, excludes_every_slow_test, in_slow_folder


@pytest.mark.parametrize("markexpr", ["not slow", " not slow ", "not slow and not vcr", "not (slow or live)",
                                      "vcr and not slow", "not slow and (vcr or live)"])
def test_expressions_that_leave_out_every_slow_test(markexpr):
    assert excludes_every_slow_test(markexpr)


@pytest.mark.parametrize("markexpr", ["", "slow", "not vcr", "slow or not slow", "not slow or vcr",
                                      "not (slow and vcr)", "not slow_ish", "slow(reason='x')", "not slow and"])
def test_expressions_that_may_keep_a_slow_test(markexpr):
    assert not excludes_every_slow_test(markexpr)


def test_the_slow_folders_exist_and_hold_their_tests():
    for folder in SLOW_PATHS:
        assert folder.is_dir() and any(folder.glob("test_*.py")), folder
        assert in_slow_folder(folder / "test_x.py") and in_slow_folder(folder)
    assert not in_slow_folder(TESTS / "rules" / "test_backend.py")
    assert not in_slow_folder(TESTS / "apis" / "test_x.py")  # a sibling whose name starts alike


def test_every_test_of_this_run_in_a_slow_folder_is_marked_slow(request):
    # In the whole suite these are the slow folders' tests; in the fast tier there are none.
    in_folders = [item for item in request.session.items if in_slow_folder(item.path)]
    assert all(item.get_closest_marker("slow") for item in in_folders)
    if request.config.getoption("markexpr") == "not slow":
        assert not in_folders


def test_test_ids_are_the_same_in_every_process(request):
    # pytest-xdist's workers each collect the suite and must agree on every id: an id made from
    # an object's default repr (a lambda, an instance) carries its address, which differs.
    addressed = [item.nodeid for item in request.session.items if re.search(r" at 0x[0-9a-f]+", item.nodeid)]
    assert not addressed, f"give these parametrisations ids=: {addressed[:5]}"


def test_every_test_of_this_run_using_a_slow_fixture_is_marked_slow(request):
    from tests.tiers import SLOW_FIXTURES

    users = [item for item in request.session.items if SLOW_FIXTURES.keys() & set(item.fixturenames)]
    assert all(item.get_closest_marker("slow") for item in users)


def test_the_fast_tier_draws_a_quarter_of_each_propertys_examples(request):
    from hypothesis import settings

    from tests.tiers import FAST_EXAMPLES, examples, skips_slow_folders

    if request.config.getoption("hypothesis_profile", None):
        pytest.skip("a hypothesis profile was named: it sets the examples")
    if skips_slow_folders(request.config):
        assert settings.default.max_examples == FAST_EXAMPLES
        assert (examples(300), examples(150), examples(20), examples(4)) == (75, 37, 10, 4)
    else:  # the whole suite draws every example a property asks for
        assert settings.default.max_examples == settings.get_profile("default").max_examples
        assert (examples(300), examples(150), examples(20), examples(4)) == (300, 150, 20, 4)
