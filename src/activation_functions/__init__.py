"""Activation functions and their derivatives, exact in the tails.

The flat namespace (as ``jax.nn``) holds the element-wise activations, their
derivatives taken in :math:`z`, the forms in terms of :math:`a = g(z)` that the
course notes teach, softmax, and one record per activation. The submodules
:mod:`activation_functions.network`, :mod:`~activation_functions.datasets`,
:mod:`~activation_functions.plotting` and :mod:`~activation_functions.tables`
hold the course's two-layer network, its toy data and the helpers that keep
the site's cells short. Only NumPy is needed (GELU's normal CDF included);
matplotlib is imported by :mod:`~activation_functions.plotting` alone.
"""

from activation_functions._activations import identity as identity
from activation_functions._activations import (
    identity_derivative as identity_derivative,
)
from activation_functions._activations import leaky_relu as leaky_relu
from activation_functions._activations import (
    leaky_relu_derivative as leaky_relu_derivative,
)
from activation_functions._activations import relu as relu
from activation_functions._activations import relu_derivative as relu_derivative
from activation_functions._activations import sigmoid as sigmoid
from activation_functions._activations import (
    sigmoid_derivative as sigmoid_derivative,
)
from activation_functions._activations import (
    sigmoid_derivative_from_output as sigmoid_derivative_from_output,
)
from activation_functions._activations import tanh as tanh
from activation_functions._activations import tanh_derivative as tanh_derivative
from activation_functions._activations import (
    tanh_derivative_from_output as tanh_derivative_from_output,
)
from activation_functions._modern import elu as elu
from activation_functions._modern import elu_derivative as elu_derivative
from activation_functions._modern import gelu as gelu
from activation_functions._modern import gelu_derivative as gelu_derivative
from activation_functions._modern import silu as silu
from activation_functions._modern import silu_derivative as silu_derivative
from activation_functions._modern import softplus as softplus
from activation_functions._modern import softplus_derivative as softplus_derivative
from activation_functions._registry import ACTIVATIONS as ACTIVATIONS
from activation_functions._registry import Activation as Activation
from activation_functions._registry import OutputLayer as OutputLayer
from activation_functions._registry import get_activation as get_activation
from activation_functions._registry import output_activation as output_activation
from activation_functions._softmax import log_softmax as log_softmax
from activation_functions._softmax import logsumexp as logsumexp
from activation_functions._softmax import softmax as softmax
from activation_functions._softmax import (
    softmax_cross_entropy_gradient as softmax_cross_entropy_gradient,
)
from activation_functions._softmax import softmax_jacobian as softmax_jacobian
from activation_functions._softmax import softmax_jvp as softmax_jvp

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "OutputLayer",
    "elu",
    "elu_derivative",
    "gelu",
    "gelu_derivative",
    "get_activation",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "log_softmax",
    "logsumexp",
    "output_activation",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "sigmoid_derivative_from_output",
    "silu",
    "silu_derivative",
    "softmax",
    "softmax_cross_entropy_gradient",
    "softmax_jacobian",
    "softmax_jvp",
    "softplus",
    "softplus_derivative",
    "tanh",
    "tanh_derivative",
    "tanh_derivative_from_output",
]
