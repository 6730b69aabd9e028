from . import b2b_input_mixin
