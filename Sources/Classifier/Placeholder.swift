// Placeholder until the module's first type lands; removed by then.
