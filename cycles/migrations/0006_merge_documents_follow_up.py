from django.db import migrations


class Migration(migrations.Migration):
    """Joins the documents and the recommendations' follow-up, made side by side."""

    dependencies = [
        ("cycles", "0005_documents"),
        ("cycles", "0005_recommendation_follow_up"),
    ]
    operations = []
