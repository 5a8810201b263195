from cadre.core.services import save_form


def save_institution(form, *, by):
    return save_form(form, by=by)
