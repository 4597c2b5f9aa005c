"""GeoDataFrame → Folium layers and the assembled map (never parses text)."""
