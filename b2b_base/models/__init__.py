from . import b2b_approval_mixin, b2b_input_mixin
