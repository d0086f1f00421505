from empact.api.filters import ApiFilterSet, IdFilter
from reviews.models import ReviewRound


class ReviewRoundFilterSet(ApiFilterSet):
    cycle = IdFilter(field_name="cycle")
    plan = IdFilter(field_name="plans")

    class Meta:
        model = ReviewRound
        fields = ["status"]
