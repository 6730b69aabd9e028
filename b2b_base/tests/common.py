"""What every addon's tests share."""

from contextlib import contextmanager

from odoo.tests import TransactionCase


class RollbackCase(TransactionCase):
    """A refused call rolls back as the failed request would: rules checked as a post-condition
    (after the change is written) raise inside the write, and only the rollback undoes it."""

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=arguments-differ
        """Odoo's assertRaises (in a savepoint, rolled back when the call fails), then the
        message: a test can show that nothing changed."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)
