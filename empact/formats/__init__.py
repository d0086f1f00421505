"""Date and number formats of the interface languages where Django's defaults do not fit EU use."""
