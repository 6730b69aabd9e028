from . import kam_account
