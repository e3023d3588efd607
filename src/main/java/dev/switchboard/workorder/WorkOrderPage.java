package dev.switchboard.workorder;

import java.util.List;

/** One page of work orders, newest first. */
record WorkOrderPage(List<WorkOrder> items, int page, int pageSize, long total, long pages) {}
