-- Return and exchange rate (S3), by product category.
-- Returns are counted against the month the order was placed (a return requested in
-- November for an October order belongs to October), so recent months rise for a few
-- weeks as returns arrive: data/exports.yml keeps such periods open.
-- Numerator: shipped orders with at least one return or exchange request.
-- Denominator: orders shipped, by month of order.
SELECT date_trunc('month', o.ordered_at) AS period,
       o.category,
       count(*) FILTER (WHERE r.order_id IS NOT NULL) AS numerator,
       count(*) AS denominator
FROM orders AS o
LEFT JOIN (SELECT DISTINCT order_id FROM returns) AS r ON r.order_id = o.order_id
WHERE o.shipped_at IS NOT NULL
GROUP BY date_trunc('month', o.ordered_at), o.category
