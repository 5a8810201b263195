from cadre.core.services import change_by


def set_language(user, language: str, *, by):
    if user.language == language:
        return user
    with change_by(by):
        user.language = language
        user.save(update_fields=["language"])
    return user


def create_user(email: str, full_name: str, password: str | None, *, language: str = "fr", by=None):
    from .models import User

    with change_by(by):
        return User.objects.create_user(email=email, password=password, full_name=full_name, language=language)
