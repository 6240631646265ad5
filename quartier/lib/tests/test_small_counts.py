from quartier.lib.small_counts import HIDDEN, is_hidden, rank_key, shown


def test_counts_from_one_below_the_threshold_are_hidden_zero_and_larger_shown():
    assert [shown(count, 3) for count in range(5)] == ["0", HIDDEN, HIDDEN, "3", "4"]
    assert not is_hidden(0, 3) and is_hidden(2, 3) and not is_hidden(3, 3)


def test_hidden_counts_sort_alike():
    assert rank_key(1, 3) == rank_key(2, 3) == rank_key(0, 3) == 0
    assert rank_key(7, 3) == 7


def test_a_threshold_of_one_hides_nothing():
    assert [shown(count, 1) for count in range(3)] == ["0", "1", "2"]
