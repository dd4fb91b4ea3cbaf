"""What benchmarks share: the throwaway world they run in, figures, and generated data."""
