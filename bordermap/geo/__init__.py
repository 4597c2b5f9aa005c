"""Text → incidents → GeoDataFrame (never imports folium)."""
