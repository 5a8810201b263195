from django.db import migrations, models


class Migration(migrations.Migration):
    """An expert's expertise is shown in the reader's language, like every other bilingual text."""

    dependencies = [("workspaces", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="expert", old_name="expertise", new_name="expertise_en"),
        migrations.AlterField(
            model_name="expert",
            name="expertise_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="expertise (English)"),
        ),
        migrations.AddField(
            model_name="expert",
            name="expertise_fr",
            field=models.CharField(blank=True, max_length=300, verbose_name="expertise (French)"),
        ),
    ]
