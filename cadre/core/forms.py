"""Form fields shared by the apps."""

from django import forms

# The largest id a database row can have (64-bit): a larger number posted in a form is not an id of anything.
MAX_ID = 2**63 - 1


class IdsField(forms.ModelMultipleChoiceField):
    """A choice of several rows by id where a number too large for the database is an unknown choice (a form
    error), not a database error: Django passes the posted ids to `pk IN (…)` without checking their range.

    Use it for every many-to-many field of a model form: `Meta.field_classes = {"themes": IdsField}`.
    """

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # Django reports it as an invalid id
            if not -MAX_ID <= number <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)
