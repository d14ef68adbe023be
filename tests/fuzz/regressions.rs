//! Every crash the fuzz targets found, as a named test with its input.
//! (Crashes found before the fuzz targets existed are in tests/hostile.)
