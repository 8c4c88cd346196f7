r"""The course's neural network, written the way the notes write it.

Column convention (Andrew Ng's course): ``X`` has shape :math:`(n_x, m)`, one
example per column; layer :math:`l` computes

.. math::

    Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}(Z^{[l]}),

with :math:`A^{[0]} = X`. :class:`TwoLayerNetwork` spells out back-propagation
line by line as formula ① of the notes,

.. math::

    dW^{[1]} = \frac{1}{m}\Bigl(W^{[2]T} dZ^{[2]} * g^{[1]\prime}(Z^{[1]})\Bigr) X^T,

which is where a small :math:`g'` makes a small gradient (formula ②).
:class:`DeepNetwork` is the same thing for any number of layers. Both are
teaching code: plain NumPy, full-batch gradient descent, no tricks.

Examples
--------
>>> from activation_functions import datasets
>>> from activation_functions.network import TwoLayerNetwork, accuracy, train
>>> X, Y = datasets.flower()
>>> net = TwoLayerNetwork(2, 4, 1, hidden="tanh", seed=2)
>>> history = train(net, X, Y, learning_rate=1.2, steps=2000)
>>> print(round(accuracy(net, X, Y), 2))
0.94
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activation_functions._activations import identity, sigmoid
from activation_functions._registry import get_activation
from activation_functions._softmax import log_softmax, softmax

__all__ = [
    "Cache",
    "DeepNetwork",
    "Gradients",
    "History",
    "TwoLayerNetwork",
    "accuracy",
    "dead_unit_fraction",
    "effective_linear_map",
    "gradient_check",
    "train",
]

Array = NDArray[np.floating[Any]]
OutputName = Literal["sigmoid", "softmax", "identity"]
InitName = Literal["small", "xavier", "he"]

_OUTPUTS: dict[str, Callable[[Array], Array]] = {
    "sigmoid": sigmoid,
    "softmax": lambda z: softmax(z, axis=0),  # classes are rows
    "identity": identity,
}


@dataclass(frozen=True, slots=True)
class Cache:
    r"""What the forward pass keeps for the backward pass.

    Parameters
    ----------
    Z : tuple of numpy.ndarray
        ``Z[l - 1]`` is :math:`Z^{[l]}`, of shape :math:`(n^{[l]}, m)`.
    A : tuple of numpy.ndarray
        ``A[l - 1]`` is :math:`A^{[l]} = g^{[l]}(Z^{[l]})`; the input
        :math:`A^{[0]} = X` is not stored.
    """

    Z: tuple[Array, ...]
    A: tuple[Array, ...]

    @property
    def Z1(self) -> Array:
        r""":math:`Z^{[1]}`."""
        return self.Z[0]

    @property
    def A1(self) -> Array:
        r""":math:`A^{[1]}`."""
        return self.A[0]

    @property
    def Z2(self) -> Array:
        r""":math:`Z^{[2]}`."""
        return self.Z[1]

    @property
    def A2(self) -> Array:
        r""":math:`A^{[2]}`."""
        return self.A[1]


@dataclass(frozen=True, slots=True)
class Gradients:
    r"""Gradients of the cost with respect to every weight and bias.

    Parameters
    ----------
    dW : tuple of numpy.ndarray
        ``dW[l - 1]`` is :math:`\partial J / \partial W^{[l]}`.
    db : tuple of numpy.ndarray
        ``db[l - 1]`` is :math:`\partial J / \partial b^{[l]}`.
    """

    dW: tuple[Array, ...]
    db: tuple[Array, ...]

    @property
    def dW1(self) -> Array:
        r""":math:`dW^{[1]}`."""
        return self.dW[0]

    @property
    def db1(self) -> Array:
        r""":math:`db^{[1]}`."""
        return self.db[0]

    @property
    def dW2(self) -> Array:
        r""":math:`dW^{[2]}`."""
        return self.dW[1]

    @property
    def db2(self) -> Array:
        r""":math:`db^{[2]}`."""
        return self.db[1]

    def norms(self) -> NDArray[np.float64]:
        r"""Frobenius norm :math:`\lVert dW^{[l]} \rVert_F` of each layer's ``dW``.

        Returns
        -------
        numpy.ndarray of float64, shape (L,)
            One norm per layer, first layer first.
        """
        return np.array([np.linalg.norm(dW) for dW in self.dW], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class History:
    r"""What :func:`train` recorded, one row per gradient-descent step.

    Row :math:`t` describes the parameters *before* update :math:`t`, so
    ``loss[0]`` is the loss of the initial network.

    Parameters
    ----------
    loss : numpy.ndarray, shape (steps,)
        The cost :math:`J` at each step.
    gradient_norms : numpy.ndarray, shape (steps, L)
        :math:`\lVert dW^{[l]} \rVert_F` for each layer at each step.
    dead_fraction : numpy.ndarray, shape (steps, L - 1)
        Share of each hidden layer's units whose pre-activation is
        :math:`\le 0` on every example (see :func:`dead_unit_fraction`).
    hidden : str
        Name of the hidden activation.
    learning_rate : float
        The learning rate :math:`\alpha` used.
    """

    loss: NDArray[np.float64]
    gradient_norms: NDArray[np.float64]
    dead_fraction: NDArray[np.float64]
    hidden: str
    learning_rate: float

    @property
    def steps(self) -> int:
        """Number of gradient-descent steps taken."""
        return int(self.loss.shape[0])


def _check_positive_int(function: str, name: str, value: object) -> int:
    """Return ``value`` if it is a positive int, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        msg = f"{function}() expected {name} to be an int, got {type(value).__name__}"
        raise TypeError(msg)
    if value < 1:
        msg = f"{function}() expected a positive {name}, got {value}"
        raise ValueError(msg)
    return int(value)


def _check_real(function: str, name: str, value: object) -> float:
    """Return ``value`` as a finite float, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"{function}() expected {name} to be a real number, got {type(value).__name__}"
        raise TypeError(msg)
    number = float(value)
    if not math.isfinite(number):
        msg = f"{function}() expected a finite {name}, got {value}"
        raise ValueError(msg)
    return number


def _init_scale(init: InitName | float, fan_in: int) -> float:
    """Return the initial weights' standard deviation for ``fan_in`` inputs."""
    if isinstance(init, str):
        scales = {
            "small": 0.01,  # the course's np.random.randn(...) * 0.01
            "xavier": math.sqrt(1.0 / fan_in),
            "he": math.sqrt(2.0 / fan_in),
        }
        if init not in scales:
            msg = f"unknown init {init!r}; valid choices are 'small', 'xavier', 'he' or a number"
            raise ValueError(msg)
        return scales[init]
    scale = _check_real("DeepNetwork", "init scale", init)
    if scale < 0:
        msg = f"DeepNetwork() expected an init scale >= 0, got {init}"
        raise ValueError(msg)
    return scale


class DeepNetwork:
    r"""An :math:`L`-layer fully connected network trained by gradient descent.

    Every hidden layer uses the activation ``hidden``; the output layer uses
    ``output`` with its matching loss (see
    :func:`activation_functions.output_activation`), so that
    :math:`dZ^{[L]} = A^{[L]} - Y` and, for :math:`l = L, \dots, 1`,

    .. math::

        dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}, \quad
        db^{[l]} = \frac{1}{m} \sum_{i} dZ^{[l](i)}, \quad
        dZ^{[l-1]} = W^{[l]T} dZ^{[l]} * g^{[l-1]\prime}(Z^{[l-1]}).

    Parameters
    ----------
    layer_sizes : sequence of int
        :math:`(n_x, n^{[1]}, \dots, n^{[L]})`: input size, then the size of
        every layer; at least two entries.
    hidden : str, default "relu"
        Hidden activation, a key of :data:`activation_functions.ACTIVATIONS`.
    output : {"sigmoid", "softmax", "identity"}, default "sigmoid"
        Output activation. The loss follows: binary cross-entropy, categorical
        cross-entropy (``Y`` one-hot, one class per row) or
        :math:`\tfrac12 (a - y)^2`.
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng` for the initial weights.
    init : {"small", "xavier", "he"} or float, default "he"
        Standard deviation of the initial weights: ``"small"`` is the
        course's 0.01, ``"xavier"`` :math:`\sqrt{1/n^{[l-1]}}`, ``"he"``
        :math:`\sqrt{2/n^{[l-1]}}`; a number is used as is.
    bias_init : float, default 0.0
        Initial value of every hidden-layer bias. A negative value (say
        :math:`-3`) switches many ReLU units off from the start: the
        dying-ReLU experiment.

    Attributes
    ----------
    weights, biases : list of numpy.ndarray
        :math:`W^{[l]}` of shape :math:`(n^{[l]}, n^{[l-1]})` and :math:`b^{[l]}`
        of shape :math:`(n^{[l]}, 1)`, first layer first. :meth:`step` updates
        them in place.

    Examples
    --------
    >>> import numpy as np
    >>> from activation_functions.network import DeepNetwork
    >>> net = DeepNetwork([2, 8, 8, 1], hidden="relu", seed=0)
    >>> [W.shape for W in net.weights]
    [(8, 2), (8, 8), (1, 8)]
    >>> net.forward(np.zeros((2, 5))).A[-1].shape
    (1, 5)
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        *,
        hidden: str = "relu",
        output: OutputName = "sigmoid",
        seed: int = 0,
        init: InitName | float = "he",
        bias_init: float = 0.0,
    ) -> None:
        name = type(self).__name__
        sizes = [_check_positive_int(name, "layer size", n) for n in layer_sizes]
        if len(sizes) < 2:
            msg = f"{name}() needs at least an input and an output size, got {sizes}"
            raise ValueError(msg)
        self._hidden = get_activation(hidden)
        if output not in _OUTPUTS:
            valid = ", ".join(repr(key) for key in _OUTPUTS)
            msg = f"unknown output activation {output!r}; valid choices are {valid}"
            raise ValueError(msg)
        bias = _check_real(name, "bias_init", bias_init)
        rng = np.random.default_rng(seed)
        self.layer_sizes: tuple[int, ...] = tuple(sizes)
        self.hidden: str = hidden
        self.output: OutputName = output
        self.weights: list[Array] = []
        self.biases: list[Array] = []
        for layer, (n_prev, n) in enumerate(itertools.pairwise(sizes), start=1):
            scale = _init_scale(init, n_prev)
            self.weights.append(scale * rng.standard_normal((n, n_prev)))
            is_output = layer == len(sizes) - 1
            self.biases.append(np.full((n, 1), 0.0 if is_output else bias))

    def __repr__(self) -> str:
        """Layer sizes and activations."""
        return (
            f"{type(self).__name__}({list(self.layer_sizes)}, "
            f"hidden={self.hidden!r}, output={self.output!r})"
        )

    @property
    def n_layers(self) -> int:
        """Number of layers :math:`L` (hidden layers plus the output layer)."""
        return len(self.weights)

    def parameters(self) -> list[Array]:
        r"""Return :math:`W^{[1]}, b^{[1]}, \dots, W^{[L]}, b^{[L]}` (the arrays themselves).

        Returns
        -------
        list of numpy.ndarray
            The live parameter arrays; changing them changes the network.
        """
        params: list[Array] = []
        for W, b in zip(self.weights, self.biases, strict=True):
            params += [W, b]
        return params

    def _g(self, Z: Array) -> Array:
        """Apply the hidden activation g."""
        return self._hidden.function(Z)

    def _g_prime(self, Z: Array) -> Array:
        """Apply g', the library's derivative of the hidden activation."""
        return self._hidden.derivative(Z)

    def _output(self, Z: Array) -> Array:
        """Apply the output activation."""
        return _OUTPUTS[self.output](Z)

    def _check_X(self, X: ArrayLike) -> Array:
        """Coerce X to float64 of shape (n_x, m)."""
        array = np.asarray(X, dtype=np.float64)
        if array.ndim != 2 or array.shape[0] != self.layer_sizes[0]:
            msg = (
                f"expected X of shape ({self.layer_sizes[0]}, m) with one example "
                f"per column, got shape {array.shape}"
            )
            raise ValueError(msg)
        return array

    def _check_Y(self, Y: ArrayLike, m: int) -> Array:
        """Coerce Y to float64 of shape (n_y, m)."""
        array = np.asarray(Y, dtype=np.float64)
        expected = (self.layer_sizes[-1], m)
        if array.shape != expected:
            msg = f"expected Y of shape {expected}, got shape {array.shape}"
            raise ValueError(msg)
        return array

    def forward(self, X: ArrayLike) -> Cache:
        r"""Forward propagation: :math:`Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}`, :math:`A^{[l]} = g^{[l]}(Z^{[l]})`.

        Parameters
        ----------
        X : array_like, shape (n_x, m)
            Inputs, one example per column.

        Returns
        -------
        Cache
            Every layer's :math:`Z^{[l]}` and :math:`A^{[l]}`.
        """
        A = self._check_X(X)
        Zs: list[Array] = []
        As: list[Array] = []
        for layer, (W, b) in enumerate(zip(self.weights, self.biases, strict=True), 1):
            Z = W @ A + b
            A = self._output(Z) if layer == self.n_layers else self._g(Z)
            Zs.append(Z)
            As.append(A)
        return Cache(Z=tuple(Zs), A=tuple(As))

    def backward(self, X: ArrayLike, Y: ArrayLike, cache: Cache) -> Gradients:
        r"""Back-propagation from :math:`dZ^{[L]} = A^{[L]} - Y` down to layer 1.

        Parameters
        ----------
        X : array_like, shape (n_x, m)
            The inputs given to :meth:`forward`.
        Y : array_like, shape (n_y, m)
            Targets.
        cache : Cache
            What :meth:`forward` returned for ``X``.

        Returns
        -------
        Gradients
            :math:`dW^{[l]}` and :math:`db^{[l]}` for every layer.
        """
        X = self._check_X(X)
        m = X.shape[1]
        Y = self._check_Y(Y, m)
        A_prev = (X, *cache.A[:-1])  # A[l-1] for l = 1..L
        dW: list[Array] = [np.empty(0)] * self.n_layers
        db: list[Array] = [np.empty(0)] * self.n_layers
        dZ = cache.A[-1] - Y  # output layer: dZ[L] = A[L] - Y
        for l in range(self.n_layers - 1, -1, -1):
            dW[l] = (1 / m) * dZ @ A_prev[l].T
            db[l] = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
            if l > 0:
                dZ = (self.weights[l].T @ dZ) * self._g_prime(cache.Z[l - 1])
        return Gradients(dW=tuple(dW), db=tuple(db))

    def loss(self, X: ArrayLike, Y: ArrayLike) -> float:
        r"""Compute the cost :math:`J = \frac{1}{m} \sum_i \mathcal{L}(a^{(i)}, y^{(i)})`.

        Computed from :math:`Z^{[L]}` in a stable form (no :math:`\log 0`).

        Parameters
        ----------
        X : array_like, shape (n_x, m)
            Inputs.
        Y : array_like, shape (n_y, m)
            Targets.

        Returns
        -------
        float
            The cost.
        """
        cache = self.forward(X)
        return _cost(self.output, cache.Z[-1], self._check_Y(Y, cache.Z[-1].shape[1]))

    def predict(self, X: ArrayLike) -> Array:
        """Predictions for ``X``.

        Parameters
        ----------
        X : array_like, shape (n_x, m)
            Inputs.

        Returns
        -------
        numpy.ndarray
            For a sigmoid output, ``1.0`` where :math:`a > 0.5` else ``0.0``
            (shape ``(n_y, m)``); for softmax, the class index of the largest
            output (shape ``(1, m)``); for the identity, :math:`A^{[L]}` itself.
        """
        A = self.forward(X).A[-1]
        if self.output == "sigmoid":
            return (A > 0.5).astype(np.float64)
        if self.output == "softmax":
            classes = np.argmax(A, axis=0, keepdims=True)
            return np.asarray(classes, dtype=np.float64)
        return A

    def step(self, grads: Gradients, learning_rate: float) -> None:
        r"""One gradient-descent update, in place: :math:`W \leftarrow W - \alpha\, dW`.

        Parameters
        ----------
        grads : Gradients
            From :meth:`backward`.
        learning_rate : float
            The learning rate :math:`\alpha`.
        """
        for W, b, dW, db in zip(
            self.weights, self.biases, grads.dW, grads.db, strict=True
        ):
            np.subtract(W, learning_rate * dW, out=W)  # W := W - alpha dW
            np.subtract(b, learning_rate * db, out=b)  # b := b - alpha db


class TwoLayerNetwork(DeepNetwork):
    r"""The course's network with one hidden layer, back-propagation as in formula ①.

    .. math::

        Z^{[1]} = W^{[1]} X + b^{[1]},\quad A^{[1]} = g^{[1]}(Z^{[1]}),\quad
        Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]},\quad A^{[2]} = g^{[2]}(Z^{[2]}).

    Same as ``DeepNetwork([n_x, n_h, n_y], ...)``, but :meth:`forward` and
    :meth:`backward` are written out line by line.

    Parameters
    ----------
    n_x, n_h, n_y : int
        Sizes of the input, the hidden layer and the output layer.
    hidden : str, default "tanh"
        Hidden activation :math:`g^{[1]}` (the course's Week 3 choice).
    output : {"sigmoid", "softmax", "identity"}, default "sigmoid"
        Output activation :math:`g^{[2]}`, with its matching loss.
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng`.
    init : {"small", "xavier", "he"} or float, default "small"
        Initial weight scale; ``"small"`` is the course's ``randn * 0.01``.
    bias_init : float, default 0.0
        Initial value of :math:`b^{[1]}`.

    Examples
    --------
    >>> import numpy as np
    >>> from activation_functions.network import TwoLayerNetwork
    >>> net = TwoLayerNetwork(2, 4, 1, seed=0)
    >>> net.W1.shape, net.b1.shape, net.W2.shape, net.b2.shape
    ((4, 2), (4, 1), (1, 4), (1, 1))
    >>> X = np.array([[1.0, -1.0], [0.5, 2.0]])
    >>> Y = np.array([[1.0, 0.0]])
    >>> grads = net.backward(X, Y, net.forward(X))
    >>> grads.dW1.shape, grads.dW2.shape
    ((4, 2), (1, 4))
    """

    def __init__(
        self,
        n_x: int,
        n_h: int,
        n_y: int,
        *,
        hidden: str = "tanh",
        output: OutputName = "sigmoid",
        seed: int = 0,
        init: InitName | float = "small",
        bias_init: float = 0.0,
    ) -> None:
        super().__init__(
            [n_x, n_h, n_y],
            hidden=hidden,
            output=output,
            seed=seed,
            init=init,
            bias_init=bias_init,
        )

    def __repr__(self) -> str:
        """Sizes and activations."""
        n_x, n_h, n_y = self.layer_sizes
        return (
            f"TwoLayerNetwork({n_x}, {n_h}, {n_y}, "
            f"hidden={self.hidden!r}, output={self.output!r})"
        )

    @property
    def W1(self) -> Array:
        r""":math:`W^{[1]}`, shape :math:`(n_h, n_x)`."""
        return self.weights[0]

    @property
    def b1(self) -> Array:
        r""":math:`b^{[1]}`, shape :math:`(n_h, 1)`."""
        return self.biases[0]

    @property
    def W2(self) -> Array:
        r""":math:`W^{[2]}`, shape :math:`(n_y, n_h)`."""
        return self.weights[1]

    @property
    def b2(self) -> Array:
        r""":math:`b^{[2]}`, shape :math:`(n_y, 1)`."""
        return self.biases[1]

    def forward(self, X: ArrayLike) -> Cache:
        """Forward propagation through the hidden and the output layer.

        Parameters
        ----------
        X : array_like, shape (n_x, m)
            Inputs, one example per column.

        Returns
        -------
        Cache
            ``Z1, A1, Z2, A2``.
        """
        X = self._check_X(X)
        Z1 = self.W1 @ X + self.b1
        A1 = self._g(Z1)  # g[1]: the hidden activation
        Z2 = self.W2 @ A1 + self.b2
        A2 = self._output(Z2)  # g[2]: sigmoid, softmax or identity
        return Cache(Z=(Z1, Z2), A=(A1, A2))

    def backward(self, X: ArrayLike, Y: ArrayLike, cache: Cache) -> Gradients:
        r"""Back-propagation, line by line as formula ① of the notes.

        .. math::

            dZ^{[2]} &= A^{[2]} - Y \\
            dW^{[2]} &= \tfrac{1}{m}\, dZ^{[2]} A^{[1]T} \\
            db^{[2]} &= \tfrac{1}{m} \textstyle\sum_i dZ^{[2](i)} \\
            dZ^{[1]} &= W^{[2]T} dZ^{[2]} * g^{[1]\prime}(Z^{[1]}) \\
            dW^{[1]} &= \tfrac{1}{m}\, dZ^{[1]} X^T \\
            db^{[1]} &= \tfrac{1}{m} \textstyle\sum_i dZ^{[1](i)}

        Substituting the fourth line into the fifth gives formula ①. The
        factor :math:`g^{[1]\prime}(Z^{[1]})` is why a saturated activation
        (:math:`g' \approx 0`) makes :math:`dW^{[1]}` small: formula ②.

        Parameters
        ----------
        X : array_like, shape (n_x, m)
            The inputs given to :meth:`forward`.
        Y : array_like, shape (n_y, m)
            Targets.
        cache : Cache
            What :meth:`forward` returned for ``X``.

        Returns
        -------
        Gradients
            ``dW1, db1, dW2, db2``.
        """
        X = self._check_X(X)
        m = X.shape[1]
        Y = self._check_Y(Y, m)
        Z1, A1, A2 = cache.Z1, cache.A1, cache.A2
        # ① dZ[2] = A[2] - Y          (output activation + matching loss)
        dZ2 = A2 - Y
        # ① dW[2] = 1/m dZ[2] A[1]^T
        dW2 = (1 / m) * dZ2 @ A1.T
        # ① db[2] = 1/m sum over examples of dZ[2]
        db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
        # ① dZ[1] = W[2]^T dZ[2] * g[1]'(Z[1])    (* is element-wise;
        #   g[1]' is the library's derivative, e.g. af.tanh_derivative)
        dZ1 = (self.W2.T @ dZ2) * self._g_prime(Z1)
        # ① dW[1] = 1/m dZ[1] X^T  =  1/m (W[2]^T dZ[2] * g[1]'(Z[1])) X^T
        dW1 = (1 / m) * dZ1 @ X.T
        # ① db[1] = 1/m sum over examples of dZ[1]
        db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
        return Gradients(dW=(dW1, dW2), db=(db1, db2))


def _cost(output: str, Z: Array, Y: Array) -> float:
    r"""Average loss over the m columns, computed from the output pre-activation.

    Binary cross-entropy uses :math:`\mathcal{L} = \log(1 + e^{z}) - y z`,
    categorical cross-entropy :math:`-\sum_k y_k \log \operatorname{softmax}(z)_k`
    with the library's :func:`~activation_functions.log_softmax`: both equal
    the textbook forms and never take :math:`\log 0`.
    """
    m = Z.shape[1]
    if output == "sigmoid":
        per_example = np.logaddexp(0.0, Z) - Y * Z
    elif output == "softmax":
        per_example = -Y * log_softmax(Z, axis=0)  # classes are rows
    else:
        per_example = 0.5 * (Z - Y) ** 2
    return float(np.sum(per_example) / m)


def train(
    net: DeepNetwork,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    learning_rate: float = 1.2,
    steps: int = 2000,
) -> History:
    r"""Full-batch gradient descent: ``steps`` times forward, backward, update.

    .. math::

        W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}, \qquad
        b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]}

    Parameters
    ----------
    net : DeepNetwork
        The network to train (a :class:`TwoLayerNetwork` too); changed in
        place.
    X : array_like, shape (n_x, m)
        Inputs.
    Y : array_like, shape (n_y, m)
        Targets.
    learning_rate : float, default 1.2
        :math:`\alpha` (1.2 is the course's value for the flower data).
    steps : int, default 2000
        Number of updates.

    Returns
    -------
    History
        Loss, gradient norms and dead-unit shares at every step.

    Raises
    ------
    FloatingPointError
        If the parameters overflow (the learning rate is too large); the
        message names the step.

    Examples
    --------
    >>> from activation_functions import datasets
    >>> from activation_functions.network import TwoLayerNetwork, train
    >>> X, Y = datasets.xor(m=200)
    >>> net = TwoLayerNetwork(2, 8, 1, hidden="relu", init="he", seed=0)
    >>> history = train(net, X, Y, learning_rate=0.5, steps=500)
    >>> history.loss.shape, history.gradient_norms.shape, history.dead_fraction.shape
    ((500,), (500, 2), (500, 1))
    >>> bool(history.loss[-1] < history.loss[0])
    True
    """
    n_steps = _check_positive_int("train", "steps", steps)
    alpha = _check_real("train", "learning_rate", learning_rate)
    X = net._check_X(X)
    Y = net._check_Y(Y, X.shape[1])
    loss = np.empty(n_steps)
    norms = np.empty((n_steps, net.n_layers))
    dead = np.empty((n_steps, net.n_layers - 1))
    for t in range(n_steps):
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                cache = net.forward(X)
                grads = net.backward(X, Y, cache)
                loss[t] = _cost(net.output, cache.Z[-1], Y)
                if not math.isfinite(loss[t]):
                    raise FloatingPointError(f"the loss is {loss[t]}")
                norms[t] = grads.norms()
                dead[t] = _dead_share(cache)
                net.step(grads, alpha)
        except FloatingPointError as error:
            msg = (
                f"training diverged at step {t} (learning_rate={alpha}); "
                "try a smaller learning rate"
            )
            raise FloatingPointError(msg) from error
    return History(
        loss=loss,
        gradient_norms=norms,
        dead_fraction=dead,
        hidden=net.hidden,
        learning_rate=alpha,
    )


def _dead_share(cache: Cache) -> NDArray[np.float64]:
    """Per hidden layer, the share of units with Z <= 0 on every example."""
    return np.array(
        [np.mean(np.all(Z <= 0, axis=1)) for Z in cache.Z[:-1]], dtype=np.float64
    )


def dead_unit_fraction(net: DeepNetwork, X: ArrayLike) -> NDArray[np.float64]:
    r"""Share of each hidden layer's units that are off for every example.

    A unit is counted when its pre-activation :math:`z_j^{[l](i)} \le 0` for
    all :math:`i`. For ReLU such a unit is *dead*: its output and its
    :math:`g'` are 0 on the whole data set, so :math:`dW^{[l]}` has a zero row
    and gradient descent can never switch it back on. For Leaky ReLU the same
    unit still passes a gradient of 0.01 and can recover.

    Parameters
    ----------
    net : DeepNetwork
        The network.
    X : array_like, shape (n_x, m)
        Inputs.

    Returns
    -------
    numpy.ndarray of float64, shape (L - 1,)
        One share in :math:`[0, 1]` per hidden layer.

    Examples
    --------
    >>> from activation_functions import datasets
    >>> from activation_functions.network import DeepNetwork, dead_unit_fraction
    >>> X, _ = datasets.flower()
    >>> print(dead_unit_fraction(DeepNetwork([2, 10, 1], seed=0), X))
    [0.]
    >>> print(dead_unit_fraction(DeepNetwork([2, 10, 1], seed=0, bias_init=-6.0), X))
    [0.6]
    """
    return _dead_share(net.forward(X))


def accuracy(net: DeepNetwork, X: ArrayLike, Y: ArrayLike) -> float:
    """Share of examples classified correctly (sigmoid or softmax output).

    Parameters
    ----------
    net : DeepNetwork
        A network with a sigmoid or softmax output.
    X : array_like, shape (n_x, m)
        Inputs.
    Y : array_like, shape (n_y, m)
        Labels: 0/1 for sigmoid, one-hot columns for softmax.

    Returns
    -------
    float
        Accuracy in :math:`[0, 1]`.

    Raises
    ------
    ValueError
        If the output is the identity (a regression network).
    """
    if net.output == "identity":
        msg = "accuracy() needs a classifier (sigmoid or softmax output)"
        raise ValueError(msg)
    X = net._check_X(X)
    Y = net._check_Y(Y, X.shape[1])
    predicted = net.predict(X)
    if net.output == "softmax":
        return float(np.mean(predicted[0] == np.argmax(Y, axis=0)))
    return float(np.mean(predicted == Y))


def gradient_check(
    net: DeepNetwork,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    epsilon: float = 1e-6,
) -> float:
    r"""Compare back-propagation with centred finite differences.

    Every parameter :math:`\theta_i` is nudged both ways and

    .. math::

        d\theta^{\text{approx}}_i = \frac{J(\theta_i + \varepsilon) - J(\theta_i - \varepsilon)}{2\varepsilon},
        \qquad
        \text{difference} = \frac{\lVert d\theta^{\text{approx}} - d\theta \rVert_2}
                                 {\lVert d\theta^{\text{approx}} \rVert_2 + \lVert d\theta \rVert_2}.

    In float64 a correct implementation gives about :math:`10^{-9}` or less;
    above :math:`10^{-7}` something is wrong (or a ReLU pre-activation sits
    within :math:`\varepsilon` of its kink at 0). The network is left
    unchanged.

    Parameters
    ----------
    net : DeepNetwork
        The network to check.
    X : array_like, shape (n_x, m)
        Inputs.
    Y : array_like, shape (n_y, m)
        Targets.
    epsilon : float, default 1e-6
        The step :math:`\varepsilon`.

    Returns
    -------
    float
        The relative difference.

    Examples
    --------
    >>> from activation_functions import datasets
    >>> from activation_functions.network import TwoLayerNetwork, gradient_check
    >>> X, Y = datasets.flower(m=20)
    >>> net = TwoLayerNetwork(2, 4, 1, hidden="sigmoid", init="xavier", seed=0)
    >>> bool(gradient_check(net, X, Y) < 1e-7)
    True
    """
    eps = _check_real("gradient_check", "epsilon", epsilon)
    X = net._check_X(X)
    Y = net._check_Y(Y, X.shape[1])
    grads = net.backward(X, Y, net.forward(X))
    analytic = np.concatenate(
        [g.ravel() for pair in zip(grads.dW, grads.db, strict=True) for g in pair]
    )
    approx = np.empty_like(analytic)
    i = 0
    for theta in net.parameters():
        flat = theta.reshape(-1)  # a view: writing to it changes the network
        for j in range(flat.size):
            saved = flat[j]
            flat[j] = saved + eps
            plus = net.loss(X, Y)
            flat[j] = saved - eps
            minus = net.loss(X, Y)
            flat[j] = saved
            approx[i] = (plus - minus) / (2 * eps)
            i += 1
    denominator = np.linalg.norm(approx) + np.linalg.norm(analytic)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(approx - analytic) / denominator)


def effective_linear_map(net: DeepNetwork) -> tuple[Array, Array]:
    r"""Collapse a network with identity hidden layers into one linear layer.

    With :math:`g(z) = z` in every hidden layer the network computes
    :math:`g^{[L]}(W x + b)` with

    .. math::

        W = W^{[L]} \cdots W^{[1]}, \qquad
        b = W^{[L]} \cdots W^{[2]} b^{[1]} + \dots + W^{[L]} b^{[L-1]} + b^{[L]}:

    stacking linear layers adds nothing. This is the notes' argument for
    non-linear activations, as code.

    Parameters
    ----------
    net : DeepNetwork
        A network whose hidden activation is ``"identity"``.

    Returns
    -------
    W : numpy.ndarray, shape (n_y, n_x)
        The product of all weight matrices.
    b : numpy.ndarray, shape (n_y, 1)
        The combined bias.

    Raises
    ------
    ValueError
        If the hidden activation is not the identity.

    Examples
    --------
    >>> import numpy as np
    >>> from activation_functions.network import DeepNetwork, effective_linear_map
    >>> net = DeepNetwork([2, 5, 5, 1], hidden="identity", output="identity", seed=0)
    >>> W, b = effective_linear_map(net)
    >>> X = np.array([[1.0, 2.0, -3.0], [0.5, 0.0, 4.0]])
    >>> bool(np.allclose(net.forward(X).A[-1], W @ X + b))
    True
    """
    if net.hidden != "identity":
        msg = (
            "effective_linear_map() needs identity hidden layers, "
            f"got hidden={net.hidden!r}"
        )
        raise ValueError(msg)
    W = net.weights[0]
    b = net.biases[0]
    for W_l, b_l in zip(net.weights[1:], net.biases[1:], strict=True):
        W = W_l @ W
        b = W_l @ b + b_l
    return W, b
