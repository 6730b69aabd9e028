"""The export wizard every app's workbooks go through."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..workbook import download_action


class B2bXlsxExportMixin(models.AbstractModel):
    """A transient record that builds one XLSX file and hands it to the browser: the export
    wizards of every app inherit it."""

    _name = "b2b.xlsx.export.mixin"
    _description = "XLSX Export"

    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char()

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # Whatever ids an RPC call gives: records that exist and the user may read, or a clear
        # error (not a foreign-key failure, nor a file of what they may not see).
        for vals in vals_list:
            for name, value in vals.items():
                field = self._fields.get(name)
                if field is not None and field.type in ("many2one", "many2many") and value:
                    self._xlsx_exported(field.comodel_name, self._xlsx_ids(value))
        return super().create(vals_list)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_download(self):
        self.ensure_one()
        # Built with the user's rights: the file holds only what they may read.
        return download_action(
            self, self._xlsx_build(), self._xlsx_file_label(), self._xlsx_file_date()
        )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _xlsx_records_to_export(self, records):
        """The rows the user ticked or, with none ticked, every row of their current search
        (the list's ``active_domain``), read with their rights."""
        if records:
            return self._xlsx_exported(records._name, records.ids)
        return records.search(self.env.context.get("active_domain") or [])

    @api.model
    def _xlsx_exported(self, model, ids):
        """The records of ``model`` with these ``ids``, once shown to exist and be readable by
        the user."""
        if not isinstance(ids, list | tuple) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in ids
        ):
            raise UserError(self.env._("Nothing to export: the rows given are not records."))
        records = self.env[model].browse(ids)
        missing = records - records.exists()
        if missing:
            raise UserError(
                self.env._(
                    "These rows no longer exist and cannot be exported: %(ids)s.",
                    ids=", ".join(map(str, missing.ids)),
                )
            )
        records.check_access("read")
        return records

    @api.model
    def _xlsx_company(self, records):
        """The one company of ``records`` (the user's current one when there are none): a
        file holds one currency, as its totals add it up."""
        companies = records.company_id
        if len(companies) > 1:
            raise UserError(
                self.env._(
                    "These rows belong to several companies (%(companies)s): export one "
                    "company's at a time.",
                    companies=", ".join(companies.mapped("name")),
                )
            )
        return companies or self.env.company

    @api.model
    def _xlsx_ids(self, value):
        """The ids a many2one or many2many value of create() names (an id, ids, or commands)."""
        if isinstance(value, int):
            return [value]
        ids = []
        for item in value:
            if isinstance(item, list | tuple):
                command, _id, *rest = (*item, None)
                if command == 6:
                    ids += list(rest[0] or [])
                elif command == 4:
                    ids.append(_id)
            else:
                ids.append(item)
        return ids

    def _xlsx_build(self):
        """The workbook's bytes."""
        raise NotImplementedError

    def _xlsx_file_label(self):
        """The file's name, in the user's language (the date is appended)."""
        raise NotImplementedError

    def _xlsx_file_date(self):
        """The date the file's name carries: the user's today, or the day the figures are of."""
        return fields.Date.context_today(self)
