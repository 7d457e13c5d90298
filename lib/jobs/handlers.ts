// Every job handler, registered by importing its module. The worker imports this file; nothing
// else should.
import "@/lib/admin/revenue/jobs";
import "@/lib/backup/jobs";
import "@/lib/billing/jobs";
import "@/lib/billing/seats";
import "@/lib/email/send-job";
import "./prune-job";
import "@/lib/storage/jobs";
