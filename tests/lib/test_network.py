"""Tests for the course network, training and gradient checking."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import activation_functions as af
from activation_functions import datasets
from activation_functions.network import (
    Cache,
    DeepNetwork,
    Gradients,
    History,
    OutputName,
    TwoLayerNetwork,
    accuracy,
    dead_unit_fraction,
    effective_linear_map,
    gradient_check,
    train,
)

HIDDEN = list(af.ACTIVATIONS)
OUTPUTS: list[OutputName] = ["sigmoid", "softmax", "identity"]


def _targets(output: str, n_y: int, m: int, seed: int = 0) -> np.ndarray:
    """Targets that suit an output: 0/1, one-hot columns, or real numbers."""
    rng = np.random.default_rng(seed)
    if output == "sigmoid":
        return rng.integers(0, 2, size=(n_y, m)).astype(float)
    if output == "softmax":
        return np.eye(n_y)[:, rng.integers(0, n_y, size=m)]
    return rng.normal(size=(n_y, m))


def _away_from_kinks(net: DeepNetwork, X: np.ndarray, margin: float = 1e-4) -> bool:
    """Whether every hidden pre-activation is farther than margin from 0."""
    return all(float(np.min(np.abs(Z))) > margin for Z in net.forward(X).Z[:-1])


class TestTwoLayerNetwork:
    def test_parameter_shapes(self) -> None:
        """W1 is (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)."""
        net = TwoLayerNetwork(3, 5, 2)
        assert [p.shape for p in (net.W1, net.b1, net.W2, net.b2)] == [
            (5, 3),
            (5, 1),
            (2, 5),
            (2, 1),
        ]

    def test_course_initialisation(self) -> None:
        """Weights are small (standard deviation near 0.01) and biases zero."""
        net = TwoLayerNetwork(2, 400, 1, seed=0)
        assert net.W1.std() == pytest.approx(0.01, rel=0.1)
        assert (float(np.abs(net.b1).max()), float(np.abs(net.b2).max())) == (0.0, 0.0)

    def test_seed_is_deterministic(self) -> None:
        """The same seed gives the same weights; another seed different ones."""
        a, b, c = (TwoLayerNetwork(2, 4, 1, seed=s) for s in (3, 3, 4))
        np.testing.assert_array_equal(a.W1, b.W1)
        assert not np.array_equal(a.W1, c.W1)

    def test_properties_are_the_live_arrays(self) -> None:
        """W1, b1, W2, b2 are the same arrays as weights and biases."""
        net = TwoLayerNetwork(2, 4, 1)
        assert all(
            x is y
            for x, y in zip(
                net.parameters(), [net.W1, net.b1, net.W2, net.b2], strict=True
            )
        )

    def test_forward_matches_formula(self) -> None:
        """forward computes Z = W A + b and A = g(Z) layer by layer."""
        net = TwoLayerNetwork(2, 4, 1, hidden="tanh", init="xavier", seed=1)
        X, _ = datasets.flower(30)
        cache = net.forward(X)
        Z1 = net.W1 @ X + net.b1
        Z2 = net.W2 @ np.tanh(Z1) + net.b2
        np.testing.assert_allclose(Z1, cache.Z1, rtol=1e-15)
        np.testing.assert_allclose(1 / (1 + np.exp(-Z2)), cache.A2, rtol=1e-13)

    @pytest.mark.parametrize("hidden", HIDDEN)
    @pytest.mark.parametrize("output", OUTPUTS)
    def test_backward_equals_deep_network(
        self, hidden: str, output: OutputName
    ) -> None:
        """The line-by-line formula ① equals the L-layer loop to 1e-15."""
        n_y = 3 if output == "softmax" else 1
        two = TwoLayerNetwork(2, 5, n_y, hidden=hidden, output=output, init="he")
        deep = DeepNetwork([2, 5, n_y], hidden=hidden, output=output, init="he")
        X, _ = datasets.moons(40)
        Y = _targets(output, n_y, 40)
        g_two = two.backward(X, Y, two.forward(X))
        g_deep = deep.backward(X, Y, deep.forward(X))
        for a, b in zip(g_two.dW + g_two.db, g_deep.dW + g_deep.db, strict=True):
            np.testing.assert_allclose(b, a, rtol=1e-15, atol=1e-15)

    def test_backward_uses_library_derivative(self) -> None:
        """dZ1 is W2^T dZ2 times the library's g'(Z1), as formula ① says."""
        net = TwoLayerNetwork(2, 4, 1, hidden="sigmoid", init="xavier", seed=2)
        X, Y = datasets.xor(20)
        cache = net.forward(X)
        grads = net.backward(X, Y, cache)
        dZ1 = (net.W2.T @ (cache.A2 - Y)) * af.sigmoid_derivative(cache.Z1)
        np.testing.assert_allclose(dZ1 @ X.T / 20, grads.dW1, rtol=1e-14)

    def test_repr(self) -> None:
        """The repr shows sizes and activations."""
        assert (
            repr(TwoLayerNetwork(2, 4, 1, hidden="relu"))
            == "TwoLayerNetwork(2, 4, 1, hidden='relu', output='sigmoid')"
        )

    def test_wrong_x_shape(self) -> None:
        """X with the wrong number of rows raises ValueError that explains the convention."""
        with pytest.raises(ValueError, match="one example per column"):
            TwoLayerNetwork(2, 4, 1).forward(np.zeros((5, 2)))

    def test_wrong_y_shape(self) -> None:
        """Y that does not match (n_y, m) raises ValueError."""
        net = TwoLayerNetwork(2, 4, 1)
        X = np.zeros((2, 5))
        with pytest.raises(ValueError, match=r"\(1, 5\)"):
            net.backward(X, np.zeros((5, 1)), net.forward(X))


class TestDeepNetwork:
    def test_layer_shapes(self) -> None:
        """W[l] has shape (n[l], n[l-1]) and b[l] shape (n[l], 1)."""
        net = DeepNetwork([3, 7, 5, 2])
        assert [
            (W.shape, b.shape) for W, b in zip(net.weights, net.biases, strict=True)
        ] == [((7, 3), (7, 1)), ((5, 7), (5, 1)), ((2, 5), (2, 1))]

    @pytest.mark.parametrize(
        ("init", "expected"),
        [("small", 0.01), ("xavier", math.sqrt(1 / 200)), ("he", math.sqrt(2 / 200))],
    )
    def test_init_scale(self, init: str, expected: float) -> None:
        """The weight standard deviation follows the init rule (to 5 %)."""
        net = DeepNetwork([200, 200, 1], init=init)  # type: ignore[arg-type]
        assert expected == pytest.approx(float(net.weights[0].std()), rel=0.05)

    def test_numeric_init(self) -> None:
        """A number as init is used as the standard deviation."""
        net = DeepNetwork([200, 200, 1], init=0.5)
        assert pytest.approx(float(net.weights[0].std()), rel=0.05) == 0.5

    def test_bias_init_hidden_only(self) -> None:
        """bias_init sets the hidden biases and leaves the output bias at 0."""
        net = DeepNetwork([2, 3, 3, 1], bias_init=-2.0)
        assert [float(b.mean()) for b in net.biases] == [-2.0, -2.0, 0.0]

    @pytest.mark.parametrize("sizes", [[2], [], [2, 0, 1], [2, 2.5, 1]])
    def test_bad_layer_sizes(self, sizes: list[float]) -> None:
        """Fewer than two sizes or a non-positive or non-integer size is rejected."""
        with pytest.raises((ValueError, TypeError)):
            DeepNetwork(sizes)  # type: ignore[arg-type]

    def test_unknown_hidden(self) -> None:
        """An unknown hidden activation raises ValueError listing the valid names."""
        with pytest.raises(ValueError, match="leaky_relu"):
            DeepNetwork([2, 3, 1], hidden="swish")

    def test_unknown_output(self) -> None:
        """An unknown output activation raises ValueError listing the choices."""
        with pytest.raises(ValueError, match="'softmax'"):
            DeepNetwork([2, 3, 1], output="tanh")  # type: ignore[arg-type]

    def test_unknown_init(self) -> None:
        """An unknown init name raises ValueError listing the choices."""
        with pytest.raises(ValueError, match="'he'"):
            DeepNetwork([2, 3, 1], init="lecun")  # type: ignore[arg-type]

    def test_loss_matches_textbook_formula(self) -> None:
        """The stable loss equals -(y log a + (1-y) log(1-a)) averaged (to 1e-12)."""
        net = DeepNetwork([2, 6, 1], hidden="tanh", seed=4)
        X, Y = datasets.moons(50)
        A = net.forward(X).A[-1]
        expected = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        assert float(expected) == pytest.approx(net.loss(X, Y), rel=1e-12)

    def test_softmax_loss_matches_textbook_formula(self) -> None:
        """The softmax loss equals -sum(y log a) averaged (to 1e-12)."""
        net = DeepNetwork([2, 6, 3], output="softmax", seed=4)
        X, _ = datasets.moons(50)
        Y = _targets("softmax", 3, 50)
        A = net.forward(X).A[-1]
        expected = -np.sum(Y * np.log(A)) / 50
        assert float(expected) == pytest.approx(net.loss(X, Y), rel=1e-12)

    def test_loss_is_finite_when_saturated(self) -> None:
        """A confidently wrong sigmoid output gives a large finite loss, no warning."""
        net = DeepNetwork([1, 1], output="sigmoid", init=0.0)
        net.biases[0][:] = 800.0  # a = sigmoid(800) rounds to 1
        assert pytest.approx(net.loss(np.zeros((1, 1)), np.zeros((1, 1)))) == 800.0

    def test_predict(self) -> None:
        """predict gives 0/1 for sigmoid, class indices for softmax, A for identity."""
        X, _ = datasets.moons(10)
        sig = DeepNetwork([2, 4, 1], output="sigmoid").predict(X)
        soft = DeepNetwork([2, 4, 3], output="softmax").predict(X)
        ident = DeepNetwork([2, 4, 2], output="identity")
        assert set(np.unique(sig)) <= {0.0, 1.0}
        assert soft.shape == (1, 10)
        assert set(np.unique(soft)) <= {0.0, 1.0, 2.0}
        np.testing.assert_array_equal(ident.forward(X).A[-1], ident.predict(X))

    def test_cache_and_gradients_names(self) -> None:
        """Cache and Gradients expose the course's names Z1, A1, ..., dW2, db2."""
        net = DeepNetwork([2, 3, 1])
        X, Y = datasets.xor(6)
        cache = net.forward(X)
        grads = net.backward(X, Y, cache)
        assert isinstance(cache, Cache)
        assert isinstance(grads, Gradients)
        assert (cache.Z[0], cache.A[1]) == (cache.Z1, cache.A2)
        assert (grads.dW[1], grads.db[0]) == (grads.dW2, grads.db1)


class TestGradientCheck:
    @pytest.mark.parametrize("hidden", HIDDEN)
    @pytest.mark.parametrize("output", OUTPUTS)
    def test_backprop_agrees(self, hidden: str, output: OutputName) -> None:
        """Back-propagation agrees with centred differences to 1e-7 (float64)."""
        n_y = 3 if output == "softmax" else 1
        X, _ = datasets.flower(24, seed=5)
        Y = _targets(output, n_y, 24, seed=5)
        net = DeepNetwork([2, 4, 3, n_y], hidden=hidden, output=output, init="he")
        assert _away_from_kinks(net, X)  # relu's kink would spoil the check
        assert gradient_check(net, X, Y) < 1e-7

    def test_two_layer_network(self) -> None:
        """The course's two-layer network passes the check."""
        X, Y = datasets.flower(30)
        net = TwoLayerNetwork(2, 4, 1, init="xavier", seed=3)
        assert gradient_check(net, X, Y) < 1e-7

    def test_detects_a_wrong_derivative(self) -> None:
        """A back-propagation that uses the wrong g' fails the check clearly (> 1e-3)."""

        class Broken(TwoLayerNetwork):
            def _g_prime(self, Z: np.ndarray) -> np.ndarray:
                return np.ones_like(Z)  # tanh' is not 1

        X, Y = datasets.flower(30)
        net = Broken(2, 4, 1, hidden="tanh", init="xavier", seed=3)
        assert gradient_check(net, X, Y) > 1e-3

    def test_leaves_network_unchanged(self) -> None:
        """The parameters are exactly restored after the check."""
        X, Y = datasets.flower(20)
        net = TwoLayerNetwork(2, 3, 1, init="xavier")
        before = [p.copy() for p in net.parameters()]
        gradient_check(net, X, Y)
        for old, new in zip(before, net.parameters(), strict=True):
            np.testing.assert_array_equal(old, new)


class TestTrain:
    def test_history_shapes(self) -> None:
        """History holds one row per step: loss, L gradient norms, L-1 dead shares."""
        X, Y = datasets.xor(50)
        history = train(DeepNetwork([2, 4, 4, 1]), X, Y, learning_rate=0.1, steps=7)
        assert isinstance(history, History)
        assert (
            history.loss.shape,
            history.gradient_norms.shape,
            history.dead_fraction.shape,
            history.steps,
        ) == ((7,), (7, 3), (7, 2), 7)

    def test_first_row_describes_initial_network(self) -> None:
        """loss[0] and gradient_norms[0] are those of the untrained network."""
        X, Y = datasets.xor(50)
        net = TwoLayerNetwork(2, 4, 1, init="xavier")
        loss0 = net.loss(X, Y)
        norms0 = net.backward(X, Y, net.forward(X)).norms()
        history = train(net, X, Y, steps=3)
        assert loss0 == pytest.approx(float(history.loss[0]), rel=1e-15)
        np.testing.assert_allclose(norms0, history.gradient_norms[0], rtol=1e-15)

    def test_flower_is_learned(self) -> None:
        """The course's setting (tanh, 4 units, alpha 1.2) reaches 90 % on the flower."""
        X, Y = datasets.flower()
        net = TwoLayerNetwork(2, 4, 1, hidden="tanh", seed=2)
        history = train(net, X, Y, learning_rate=1.2, steps=2000)
        assert history.loss[-1] < 0.5 * history.loss[0]
        assert accuracy(net, X, Y) >= 0.9

    def test_linear_hidden_layer_cannot_learn_flower(self) -> None:
        """With the identity as hidden activation accuracy stays below 70 %."""
        X, Y = datasets.flower()
        net = TwoLayerNetwork(2, 4, 1, hidden="identity", init="xavier")
        train(net, X, Y, learning_rate=0.5, steps=1000)
        assert accuracy(net, X, Y) < 0.7

    def test_deterministic(self) -> None:
        """Two runs with the same seed record identical histories."""
        X, Y = datasets.moons(80)
        h1, h2 = (
            train(DeepNetwork([2, 6, 1], seed=9), X, Y, learning_rate=0.3, steps=50)
            for _ in range(2)
        )
        np.testing.assert_array_equal(h1.loss, h2.loss)
        np.testing.assert_array_equal(h1.gradient_norms, h2.gradient_norms)

    def test_divergence_is_reported(self) -> None:
        """An absurd learning rate raises FloatingPointError naming the step."""
        X, _ = datasets.moons(50)
        Y = _targets("identity", 1, 50)
        net = DeepNetwork([2, 8, 1], hidden="identity", output="identity")
        with pytest.raises(FloatingPointError, match="diverged at step"):
            train(net, 100 * X, Y, learning_rate=50.0, steps=500)

    @pytest.mark.parametrize(("steps", "error"), [(0, ValueError), (2.0, TypeError)])
    def test_bad_steps(self, steps: object, error: type[Exception]) -> None:
        """steps must be a positive int."""
        X, Y = datasets.xor(10)
        with pytest.raises(error, match="steps"):
            train(DeepNetwork([2, 2, 1]), X, Y, steps=steps)  # type: ignore[arg-type]

    def test_bad_learning_rate(self) -> None:
        """A non-finite learning rate raises ValueError."""
        X, Y = datasets.xor(10)
        with pytest.raises(ValueError, match="learning_rate"):
            train(DeepNetwork([2, 2, 1]), X, Y, learning_rate=math.inf)


class TestDeadUnitFraction:
    def test_all_dead_with_very_negative_bias(self) -> None:
        """A bias of -100 switches every ReLU unit off on the flower data."""
        X, _ = datasets.flower()
        net = DeepNetwork([2, 10, 10, 1], bias_init=-100.0)
        np.testing.assert_array_equal([1.0, 1.0], dead_unit_fraction(net, X))

    def test_none_dead_with_zero_bias(self) -> None:
        """With zero biases and He weights no first-layer unit is off everywhere."""
        X, _ = datasets.flower()
        np.testing.assert_array_equal(
            [0.0], dead_unit_fraction(DeepNetwork([2, 10, 1]), X)
        )

    def test_counts_units(self) -> None:
        """The share is the number of off units divided by the layer width."""
        X = np.array([[1.0, 2.0, 3.0]])
        net = DeepNetwork([1, 4, 1], init=0.0)
        net.biases[0][:] = np.array([[-1.0], [-1.0], [-1.0], [1.0]])
        np.testing.assert_array_equal([0.75], dead_unit_fraction(net, X))

    def test_dead_relu_units_stay_dead(self) -> None:
        """A ReLU unit that is off for every example receives no gradient and stays off."""
        X, Y = datasets.flower()
        net = TwoLayerNetwork(2, 10, 1, hidden="relu", init="he", bias_init=-3.0)
        dead_before = np.all(net.forward(X).Z1 <= 0, axis=1)
        W1_before = net.W1.copy()
        train(net, X, Y, learning_rate=0.5, steps=300)
        assert dead_before.any()
        np.testing.assert_array_equal(W1_before[dead_before], net.W1[dead_before])

    def test_history_records_dead_share(self) -> None:
        """train records the same share that dead_unit_fraction reports."""
        X, Y = datasets.flower()
        net = TwoLayerNetwork(2, 10, 1, hidden="relu", init="he", bias_init=-3.0)
        start = dead_unit_fraction(net, X)
        history = train(net, X, Y, learning_rate=0.5, steps=5)
        np.testing.assert_array_equal(start, history.dead_fraction[0])


class TestAccuracy:
    def test_softmax_with_one_hot(self) -> None:
        """For softmax, accuracy compares the argmax with one-hot labels."""
        X, labels = datasets.moons(100)
        Y = np.vstack([1 - labels, labels])  # one-hot, two classes
        net = DeepNetwork([2, 8, 2], output="softmax", seed=1)
        train(net, X, Y, learning_rate=0.5, steps=300)
        assert accuracy(net, X, Y) > 0.8

    def test_regression_rejected(self) -> None:
        """accuracy() refuses a network with an identity output."""
        X, Y = datasets.xor(5)
        with pytest.raises(ValueError, match="classifier"):
            accuracy(DeepNetwork([2, 2, 1], output="identity"), X, Y)


class TestEffectiveLinearMap:
    @settings(max_examples=20)
    @given(
        depth=st.integers(1, 4),
        width=st.integers(1, 6),
        seed=st.integers(0, 1000),
    )
    def test_collapse(self, depth: int, width: int, seed: int) -> None:
        """A network with identity hidden layers equals one linear map (to 1e-12)."""
        net = DeepNetwork(
            [3, *([width] * depth), 2],
            hidden="identity",
            output="identity",
            init="xavier",
            seed=seed,
            bias_init=0.3,
        )
        X = np.random.default_rng(seed).normal(size=(3, 10))
        W, b = effective_linear_map(net)
        np.testing.assert_allclose(net.forward(X).A[-1], W @ X + b, atol=1e-12)

    def test_non_linear_rejected(self) -> None:
        """A non-identity hidden activation raises ValueError."""
        with pytest.raises(ValueError, match="identity"):
            effective_linear_map(DeepNetwork([2, 3, 1], hidden="relu"))
